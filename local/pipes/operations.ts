import { operation, type OperationTable } from '../protocol/operations';
import { describePipe } from './actions/describe-pipe';
import { listPipes } from './actions/list-pipes';
import type { PipesState } from './state';
import { validateDescribePipe } from './validations/describe-pipe';
import { validateListPipes } from './validations/list-pipes';

/** The Pipes API operations the local runtime answers. Pipes come from the template, so none that change them. */
export const PIPES_OPERATIONS = {
  DescribePipe: operation(validateDescribePipe, describePipe),
  ListPipes: operation(validateListPipes, listPipes),
} satisfies OperationTable<PipesState>;
