/**
 * An error the endpoint returns in AWS's own shape: HTTP status, a `__type` code and a message.
 * Service actions throw it; the protocol layer serializes it for JSON (`{"__type","message"}`)
 * or query (`<ErrorResponse>`) clients.
 */
export class AwsError extends Error {
  constructor(
    /** The short code, for example `ValidationException` or `ResourceNotFoundException`. */
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    /** Some JSON services prefix `__type` with a namespace, for example `com.amazonaws.dynamodb.v20120810#`. */
    readonly typePrefix = '',
    /** Extra members of the error body, for example DynamoDB's `CancellationReasons`. */
    readonly fields: Readonly<Record<string, unknown>> = {},
    /** Extra response headers, for example SQS's `x-amzn-query-error`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** The JSON-protocol answer to an `X-Amz-Target` operation the service does not have. */
export function unknownOperationError(operation: string): AwsError {
  return new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
}

/** The JSON-protocol answer to a body that is not a JSON object. */
export function serializationError(message: string): AwsError {
  return new AwsError('SerializationException', message);
}
