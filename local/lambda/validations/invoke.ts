import { invalidParameterValue, invalidRequestContent } from '../errors';

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
export type InvocationType = (typeof INVOCATION_TYPES)[number];

export interface InvokeInput {
  /** A name, an ARN or a partial ARN, optionally qualified. */
  FunctionName: string;
  Qualifier?: string;
  InvocationType: InvocationType;
  /** The event, parsed. */
  Payload: unknown;
}

/** The REST request's members: `FunctionName` from the path, `Qualifier` from the query, `InvocationType` from its header, `Payload` the body. */
export function validateInvoke(input: Record<string, unknown>): InvokeInput {
  return {
    FunctionName: String(input.FunctionName),
    Qualifier: typeof input.Qualifier === 'string' ? input.Qualifier : undefined,
    InvocationType: invocationType(input.InvocationType),
    Payload: parsePayload(input.Payload as Buffer | undefined),
  };
}

function invocationType(header: unknown): InvocationType {
  if (header === undefined) return 'RequestResponse';
  if ((INVOCATION_TYPES as readonly unknown[]).includes(header)) return header as InvocationType;
  throw invalidParameterValue(`X-Amz-Invocation-Type must be one of ${INVOCATION_TYPES.join(', ')}, got "${String(header)}"`);
}

/** An empty payload reaches the handler as `{}`, as in Lambda. */
function parsePayload(body: Buffer | undefined): unknown {
  if (body === undefined || body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalidRequestContent((error as Error).message);
  }
}
