import type { LambdaPort } from '../model/ports';
import type { FunctionModel } from '../model/types';

/** What the Lambda API's actions work on: the template's functions, and the runtime that runs them. */
export interface LambdaState {
  functions: readonly FunctionModel[];
  port: LambdaPort;
}
