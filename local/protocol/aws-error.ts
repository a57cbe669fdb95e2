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
  ) {
    super(message);
    this.name = code;
  }
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}
