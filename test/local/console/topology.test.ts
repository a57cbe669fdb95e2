import { buildTopology } from '../../../local/console/topology';
import type { LocalModel, StreamPipeSourceModel } from '../../../local/model/types';
import { loadLocalModel } from '../../../local/template';
import { SpanStore } from '../../../local/trace';
import { CDK_OUT } from '../../../support/project';

const model = loadLocalModel({ cdkOutDir: CDK_OUT, endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', account: '000000000000' });

describe('the topology of the running template', () => {
  type StreamPipe = (typeof model.pipes)[number] & { source: StreamPipeSourceModel };
  const pipe = model.pipes.find((candidate) => candidate.source.kind === 'dynamodb-stream' && candidate.target.kind === 'eventbridge' && candidate.enrichment) as StreamPipe;
  const busArn = (pipe.target as { busArn: string }).busArn;
  const enrichmentArn = pipe.enrichment?.functionArn as string;

  it('connects the resources as the template does: stream → pipe → enrichment and bus → rules → targets and dead-letter queues', () => {
    const { nodes, edges } = buildTopology(model, new SpanStore({ now: () => 0 }));
    const has = (from: string, to: string) => edges.some((edge) => edge.from === from && edge.to === to && edge.source === 'template');
    expect(nodes.map((node) => node.id)).toEqual(expect.arrayContaining([pipe.arn, busArn, enrichmentArn, ...model.queues.map((queue) => queue.arn)]));
    expect(has(pipe.source.streamArn, pipe.arn)).toBe(true);
    expect(has(pipe.arn, enrichmentArn)).toBe(true);
    expect(has(pipe.arn, busArn)).toBe(true);
    for (const rule of model.rules.filter((candidate) => candidate.busName === busArn.split('/').pop())) {
      expect(has(busArn, rule.arn)).toBe(true);
      for (const target of rule.targets) {
        expect(has(rule.arn, target.arn)).toBe(true);
        if (target.deadLetterArn) expect(has(rule.arn, target.deadLetterArn)).toBe(true);
      }
    }
    expect(nodes.every((node) => node.total === 0 && node.errors === 0)).toBe(true);
  });

  it('counts hops on nodes and links, the events an enrichment puts on the pipe → bus link, and adds links only hops reveal', () => {
    const tracer = new SpanStore({ now: () => 0 });
    const record = tracer.record({ kind: 'stream.record', resource: pipe.source.streamArn });
    const batch = tracer.record({ kind: 'pipe.batch', resource: pipe.arn, parents: [record] });
    const enrichment = tracer.record({ kind: 'lambda.invoke', resource: enrichmentArn, parents: [batch] }, 'error');
    tracer.record({ kind: 'events.put', resource: busArn, parents: [enrichment] });
    const audit = model.tables.find((table) => !table.stream) as (typeof model.tables)[number];
    tracer.record({ kind: 'dynamodb.write', resource: audit.arn, parents: [enrichment] });
    tracer.record({ kind: 'ses.email', resource: 'ses', parents: [enrichment] });

    const { nodes, edges } = buildTopology(model, tracer);
    const node = (id: string) => nodes.find((candidate) => candidate.id === id);
    const edge = (from: string, to: string) => edges.find((candidate) => candidate.from === from && candidate.to === to);
    expect(node(pipe.arn)).toMatchObject({ total: 1, errors: 0, counted: 'batches' });
    expect(node(enrichmentArn)).toMatchObject({ total: 1, errors: 1, counted: 'invocations' });
    expect(edge(pipe.source.streamArn, pipe.arn)?.count).toBe(1);
    expect(edge(pipe.arn, busArn)?.count).toBe(1);
    expect(edge(enrichmentArn, busArn)).toBeUndefined();
    expect(edge(enrichmentArn, audit.arn)).toMatchObject({ source: 'observed', count: 1 });
    expect(edge(enrichmentArn, 'ses')).toMatchObject({ source: 'observed', count: 1 });
    expect(node('ses')).toMatchObject({ type: 'mail', page: '#/mail', total: 1 });
  });

  it('shows topics with their subscriptions and API destinations as rule targets, and counts published messages', () => {
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:alerts';
    const [queue, dlq] = model.queues;
    const destinationArn = 'arn:aws:events:us-east-1:000000000000:api-destination/crm/abc';
    const [rule] = model.rules;
    const withBus: LocalModel = {
      ...model,
      topics: [{ logicalId: 'Alerts', name: 'alerts', arn: topicArn }],
      snsSubscriptions: [
        { logicalId: 'Sub', arn: `${topicArn}:1`, topicArn, protocol: 'sqs', endpoint: queue.arn, rawMessageDelivery: false, filterPolicy: { a: ['b'] }, filterPolicyScope: 'MessageAttributes', deadLetterArn: dlq.arn },
      ],
      apiDestinations: [{ logicalId: 'Crm', name: 'crm', arn: destinationArn, connectionArn: 'c', endpoint: 'https://crm.example/*', httpMethod: 'POST', invocationRateLimitPerSecond: 300 }],
      rules: [{ ...rule, targets: [...rule.targets, { ...rule.targets[0], id: 'crm', arn: destinationArn, kind: 'api-destination' } as (typeof rule.targets)[number]] }, ...model.rules.slice(1)],
    };
    const tracer = new SpanStore({ now: () => 0 });
    const published = tracer.record({ kind: 'sns.publish', resource: topicArn });
    tracer.record({ kind: 'sqs.message', resource: queue.arn, parents: [published] });

    const { nodes, edges } = buildTopology(withBus, tracer);
    const edge = (from: string, to: string) => edges.find((candidate) => candidate.from === from && candidate.to === to);
    expect(nodes.find((node) => node.id === topicArn)).toMatchObject({ type: 'topic', total: 1, counted: 'messages' });
    expect(nodes.find((node) => node.id === destinationArn)).toMatchObject({ type: 'api-destination', name: 'crm' });
    expect(edge(topicArn, queue.arn)).toMatchObject({ source: 'template', label: 'filtered', count: 1 });
    expect(edge(topicArn, dlq.arn)).toMatchObject({ source: 'template', label: 'dead letters', count: 0 });
    expect(edge(rule.arn, destinationArn)).toMatchObject({ source: 'template' });
  });
});
