import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { findTraces, traceAround, type Span } from '../../../local/trace';
import { startInProcessRuntime, type InProcessRuntime } from '../../../support/in-process-runtime';
import { mailTo } from '../../../support/observers/mail';
import { stackNames } from '../../../support/stack-names';
import { userItem } from '../../../support/users';
import { waitFor } from '../../../support/waiting';

const names = stackNames();

/**
 * The runtime records an inserted user's whole path as causality, through the real endpoint and real functions:
 * every hop from the stream record to the captured email and the audit write, each caused by the one before.
 */
describe('tracing a new user through the pipeline', () => {
  let stack: InProcessRuntime;

  beforeAll(async () => {
    stack = await startInProcessRuntime();
  });
  afterAll(() => stack?.stop());

  const kinds = (spans: readonly Span[]) => spans.map((span) => span.kind);
  const onlyOf = (spans: readonly Span[], kind: string) => {
    const found = spans.filter((span) => span.kind === kind);
    if (found.length === 0) throw new Error(`no ${kind} hop among ${kinds(spans).join(', ')}`);
    return found;
  };

  it('finds the path by an attribute value of the item, with every hop caused by the previous one', async () => {
    const userId = `trace-${Date.now()}`;
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId, email: `${userId}@example.com` }) }));
    await waitFor('the welcome email', async () => ((await mailTo(stack.endpoint, `${userId}@example.com`)).length > 0 ? true : undefined));
    const tracer = stack.runtime.tracer;
    // The audit write and the email end their branches, and a sandbox's output reaches the runtime on its own
    // stream, after the invocation's result: the trace is complete once all three are in.
    const trace = await waitFor('the audit write and the welcome email invocation\'s output in the trace', async () => {
      const { traces } = findTraces(tracer, userId);
      const view = traces.length === 1 ? traceAround(tracer, traces[0].rootId) : undefined;
      const audited = view?.spans.some((span) => span.kind === 'dynamodb.write' && span.attributes.table === names.auditLogTable && span.outcome === 'ok');
      const email = view?.spans.find((span) => span.kind === 'ses.email');
      const senderLogged = email !== undefined && (tracer.get(email.parents[0])?.logs?.length ?? 0) > 0;
      return audited && senderLogged ? view : undefined;
    });

    const spans = trace.spans;
    const byId = new Map(spans.map((span) => [span.id, span]));
    const parentKinds = (span: Span) => span.parents.map((id) => byId.get(id)?.kind);
    const [record] = onlyOf(spans, 'stream.record');
    expect(record.parents).toEqual([]);
    expect(record.itemKeys).toEqual([userId]);
    expect(record.attributes.eventName).toBe('INSERT');

    const [batch] = onlyOf(spans, 'pipe.batch');
    expect(batch.parents).toContain(record.id);
    expect(batch.outcome).toBe('ok');
    const enrichment = onlyOf(spans, 'lambda.invoke').find((span) => span.parents.includes(batch.id)) as Span;
    expect(enrichment.attributes.durationMs).toEqual(expect.any(Number));
    expect(typeof enrichment.attributes.cold).toBe('boolean');

    const [event] = onlyOf(spans, 'events.put');
    expect(event.parents).toEqual([enrichment.id]);
    expect(event.payload).toContain(userId);
    const matches = onlyOf(spans, 'events.match');
    expect(matches).toHaveLength(2);
    expect(matches.every((match) => match.parents[0] === event.id)).toBe(true);
    const deliveries = onlyOf(spans, 'events.delivery');
    expect(deliveries.map((delivery) => delivery.outcome)).toEqual(['ok', 'ok']);

    // welcome-email is queued: delivery → queue message → the mapping's batch → the invocation → the email.
    const [message] = onlyOf(spans, 'sqs.message');
    expect(parentKinds(message)).toEqual(['events.delivery']);
    const [esmBatch] = onlyOf(spans, 'lambda.esm-batch');
    expect(esmBatch.parents).toContain(message.id);
    const [email] = onlyOf(spans, 'ses.email');
    const sender = byId.get(email.parents[0]) as Span;
    expect(sender.kind).toBe('lambda.invoke');
    expect(sender.parents).toEqual([esmBatch.id]);
    // The invocation's own output is attributed to it, marks and all removed.
    expect(sender.logs?.length).toBeGreaterThan(0);
    expect(sender.logs?.some((line) => line.includes('local-invocation'))).toBe(false);

    // audit-log is direct: delivery → async event → the invocation → the table write.
    const [asyncEvent] = onlyOf(spans, 'lambda.async');
    expect(parentKinds(asyncEvent)).toEqual(['events.delivery']);
    expect(asyncEvent.outcome).toBe('ok');
    const auditWrite = spans.find((span) => span.kind === 'dynamodb.write' && span.attributes.table === names.auditLogTable) as Span;
    expect(parentKinds(auditWrite)).toEqual(['lambda.invoke']);
    expect((byId.get(auditWrite.parents[0]) as Span).parents).toEqual([asyncEvent.id]);
  });

  it('counts hops per resource and the edges between resources, for the topology', () => {
    const tracer = stack.runtime.tracer;
    const usersStream = stack.runtime.model.tables.find((table) => table.name === names.usersTable)?.stream?.arn as string;
    const pipe = stack.runtime.model.pipes.find((candidate) => candidate.source.kind === 'dynamodb-stream' && candidate.source.streamArn === usersStream && candidate.target.kind === 'eventbridge');
    expect(tracer.countsOf(usersStream)['stream.record'].ok).toBeGreaterThan(0);
    expect(tracer.edges()).toContainEqual(expect.objectContaining({ from: usersStream, to: pipe?.arn }));
  });
});
