import { InvokeCommand, ListFunctionsCommand, ResourceNotFoundException, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { type InProcessRuntime, startInProcessRuntime } from '../../../support/in-process-runtime';
import { freshUserCreatedEvent, insertRecord } from '../../../support/lambda-events';
import { auditRecordsOf } from '../../../support/observers/audit-log';
import { stackNames } from '../../../support/stack-names';
import { waitFor } from '../../../support/waiting';

const { functions: FUNCTION, auditLogTable } = stackNames();

const AUDIT_LOG_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION.auditLog}`;

/** The local Lambda API through the real SDK client: Invoke in its three types, errors, ListFunctions. */
describe('local Lambda API', () => {
  let stack: InProcessRuntime;

  beforeAll(async () => {
    stack = await startInProcessRuntime();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const payloadOf = (output: InvokeCommandOutput): unknown => JSON.parse(Buffer.from(output.Payload ?? []).toString('utf8'));
  const invoke = (functionName: string, event: unknown, type?: 'Event' | 'DryRun') =>
    stack.clients.lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: type, Payload: Buffer.from(JSON.stringify(event)) }));

  test('RequestResponse returns the handler result: the enrichment maps a stream record to a UserCreated detail', async () => {
    const output = await invoke(FUNCTION.userCreatedEnrichment, [insertRecord('api-1', 'api-1@example.com')]);

    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBeUndefined();
    expect(output.ExecutedVersion).toBe('$LATEST');
    const details = payloadOf(output) as Array<{ data: { userId: string } }>;
    expect(details.map((detail) => detail.data.userId)).toEqual(['api-1']);
  });

  test('a handler error comes back as a 200 with X-Amz-Function-Error and the error in the payload', async () => {
    const output = await invoke(AUDIT_LOG_ARN, { not: 'an event' });

    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe('Unhandled');
    expect(payloadOf(output)).toMatchObject({ errorType: expect.any(String), errorMessage: expect.any(String) });
  });

  test('Event answers 202 and runs the function asynchronously', async () => {
    const output = await invoke(`${AUDIT_LOG_ARN}:$LATEST`, freshUserCreatedEvent('api-async', 'api-async@example.com'), 'Event');

    expect(output.StatusCode).toBe(202);
    await waitFor('the audit record of the asynchronous invocation', async () => {
      return (await auditRecordsOf(stack.clients.dynamodb, auditLogTable, 'api-async')).length === 1;
    });
  });

  test('DryRun answers 204 and runs nothing', async () => {
    const output = await invoke(FUNCTION.auditLog, freshUserCreatedEvent('api-dry', 'api-dry@example.com'), 'DryRun');

    expect(output.StatusCode).toBe(204);
  });

  test('an unknown function, by name or ARN, or another qualifier is ResourceNotFoundException', async () => {
    for (const name of ['no-such-function', 'arn:aws:lambda:us-east-1:000000000000:function:no-such-function', `${FUNCTION.auditLog}:7`]) {
      const failure = await invoke(name, {}).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ResourceNotFoundException);
      expect((failure as Error).message).toMatch(/Function not found: arn:aws:lambda:us-east-1:000000000000:function:/);
    }
  });

  test('a payload that is not JSON is InvalidRequestContentException', async () => {
    const failure = await stack.clients.lambda
      .send(new InvokeCommand({ FunctionName: FUNCTION.auditLog, Payload: Buffer.from('{not json') }))
      .catch((error: unknown) => error);

    expect((failure as Error).name).toBe('InvalidRequestContentException');
  });

  test('ListFunctions pages through every function of the template', async () => {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await stack.clients.lambda.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 2 }));
      names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName as string));
      marker = page.NextMarker;
    } while (marker !== undefined);

    expect(names.sort()).toEqual(stack.runtime.model.functions.map((fn) => fn.name).sort());
    expect(names).toEqual(expect.arrayContaining(Object.values(FUNCTION)));
  });
});
