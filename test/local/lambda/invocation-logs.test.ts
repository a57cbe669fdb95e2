import * as path from 'node:path';
import { createLambda, type LocalLambda } from '../../../local/lambda';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';
import { openStateStore } from '../../../local/storage/state-store';
import { SpanStore, type Span } from '../../../local/trace';
import { FakeSqs } from '../../../support/fake-sqs';
import { waitFor } from '../../../support/waiting';
import { REGION } from '../../../support/local-fixtures';
import { ENDPOINT, testFunction } from './helpers';

/** Each invocation's span holds its own output; what the module prints as it loads belongs to the cold start. */
describe("Lambda runtime: an invocation's output on its trace hop", () => {
  const tracer = new SpanStore({ now: () => Date.now() });
  const fn = testFunction('prints-on-load', 'handler', { codeDir: path.join(__dirname, 'fixtures', 'prints-on-load') });
  let lambda: LocalLambda;

  beforeAll(() => {
    lambda = createLambda({ functions: [fn], eventSourceMappings: [], store: openStateStore(undefined), sqs: new FakeSqs(), endpoint: ENDPOINT, region: REGION, logSink: () => undefined, tracer });
    lambda.start();
  });
  afterAll(() => lambda.close());

  const invocations = (): Span[] => [...tracer.newestFirst()].filter((span) => span.kind === 'lambda.invoke').reverse();

  it('gives the first invocation the lines printed while loading, then its own; the next one only its own', async () => {
    expect((await lambda.port.invoke(fn.arn, { n: 1 }, CALLER_WITHOUT_IAM)).payload).toBe(1);
    expect((await lambda.port.invoke(fn.arn, { n: 2 }, CALLER_WITHOUT_IAM)).payload).toBe(2);
    // A sandbox's output reaches the runtime on its own stream, after the invocation's result.
    await waitFor("both invocations' own lines", () => invocations().every((span, index) => span.logs?.includes(`handled ${index + 1}`)));
    const [cold, warm] = invocations();
    expect(cold.attributes.cold).toBe(true);
    expect(cold.logs).toEqual(['loaded the module', 'handled 1']);
    expect(warm.attributes.cold).toBe(false);
    expect(warm.logs).toEqual(['handled 2']);
  });

  it('gives a cold start that prints nothing the lines printed while loading', async () => {
    const quietFirst = testFunction('prints-on-load-quiet-first', 'handler', { codeDir: fn.codeDir });
    const other = createLambda({ functions: [quietFirst], eventSourceMappings: [], store: openStateStore(undefined), sqs: new FakeSqs(), endpoint: ENDPOINT, region: REGION, logSink: () => undefined, tracer });
    other.start();
    try {
      expect((await other.port.invoke(quietFirst.arn, { n: 1, quiet: true }, CALLER_WITHOUT_IAM)).payload).toBe(1);
      const cold = await waitFor('the cold start\'s lines', () => [...tracer.newestFirst()].find((span) => span.resource === quietFirst.arn && span.kind === 'lambda.invoke' && span.logs !== undefined));
      expect(cold.logs).toEqual(['loaded the module']);
    } finally {
      await other.close();
    }
  });

  it('gives an invocation that prints nothing no lines, and the next one only its own, on stdout and stderr', async () => {
    const before = invocations().length;
    expect((await lambda.port.invoke(fn.arn, { n: 3, quiet: true }, CALLER_WITHOUT_IAM)).payload).toBe(3);
    expect((await lambda.port.invoke(fn.arn, { n: 4, alsoToStderr: true }, CALLER_WITHOUT_IAM)).payload).toBe(4);
    const [quiet, loud] = invocations().slice(before);
    // The loud invocation's two lines come on two streams, each after the invocation's result.
    await waitFor("the fourth invocation's lines", () => (loud.logs?.length === 2 ? true : undefined));

    expect(quiet.logs).toBeUndefined();
    expect([...(loud.logs ?? [])].sort()).toEqual(['handled 4', 'warned 4']);
  });
});
