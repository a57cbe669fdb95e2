import type { ServerResponse } from 'node:http';
import { AwsError, serializationError } from './aws-error';

/** The two JSON protocol versions AWS SDKs speak; responses echo the request's. */
export const JSON_CONTENT_TYPES = ['application/x-amz-json-1.0', 'application/x-amz-json-1.1'] as const;

/** Parses a JSON-protocol request body. An empty body means no parameters, as the AWS CLI sends for some calls. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw serializationError(`Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw serializationError('Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(response: ServerResponse, statusCode: number, body: unknown, contentType: string): void {
  const text = body === undefined ? '{}' : JSON.stringify(body);
  response.writeHead(statusCode, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The error body AWS JSON services send: `__type` (optionally namespaced), `message`, and any extra members. */
export function jsonErrorBody(error: AwsError): Record<string, unknown> {
  return { ...error.fields, __type: error.typePrefix + error.code, message: error.message };
}

export function sendJsonError(response: ServerResponse, error: AwsError, contentType: string): void {
  response.setHeader('x-amzn-ErrorType', error.code);
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  sendJson(response, error.statusCode, jsonErrorBody(error), contentType);
}
