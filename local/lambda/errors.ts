import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';

export const functionNotFound = (arn: string): AwsError => new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404);

export const invalidRequestContent = (message: string): AwsError =>
  new AwsError('InvalidRequestContentException', `Could not parse request body into json: ${message}`);

export const invalidParameterValue = (message: string): AwsError => new AwsError('InvalidParameterValueException', message);

export const markerNotReturned = (marker: string | undefined): AwsError => invalidParameterValue(`Marker "${marker}" is not one this API returned`);

export const unknownRoute = (method: string, path: string): AwsError =>
  new AwsError('UnknownOperationException', `The local Lambda API answers Invoke and ListFunctions only, not ${method} ${path}`, 404);

/** A request the caller may not make: Lambda's AccessDeniedException, HTTP 403. */
export const accessDenied = (denial: AccessDenial): AwsError => new AwsError('AccessDeniedException', denial.message, 403);
