import type { ServerResponse } from 'node:http';
import { AwsError } from '../../protocol/aws-error';

/** Lambda's errors carry `Type` (User or Service) besides the message, and the code in `x-amzn-ErrorType`. */
export function sendLambdaError(response: ServerResponse, error: AwsError): void {
  const body = JSON.stringify({ Type: error.statusCode >= 500 ? 'Service' : 'User', message: error.message });
  response.writeHead(error.statusCode, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-ErrorType': error.code,
  });
  response.end(body);
}

export const functionNotFound = (arn: string): AwsError => new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404);

export const invalidRequestContent = (message: string): AwsError =>
  new AwsError('InvalidRequestContentException', `Could not parse request body into json: ${message}`);

export const invalidParameterValue = (message: string): AwsError => new AwsError('InvalidParameterValueException', message);

export const unknownRoute = (method: string, path: string): AwsError =>
  new AwsError('UnknownOperationException', `The local Lambda API answers Invoke and ListFunctions only, not ${method} ${path}`, 404);
