import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';

export const pipeNotFound = (name: string): AwsError => new AwsError('NotFoundException', `Pipe ${name} does not exist.`, 404);

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);

/** A request the caller may not make: AccessDeniedException, HTTP 403. */
export const accessDenied = (denial: AccessDenial): AwsError => new AwsError('AccessDeniedException', denial.message, 403);

export const unknownRoute = (method: string, path: string): AwsError =>
  new AwsError('UnknownOperationException', `The local Pipes API answers DescribePipe and ListPipes only (pipes come from the template), not ${method} ${path}`, 404);
