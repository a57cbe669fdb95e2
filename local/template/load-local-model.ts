import { LocalModel } from '../model/types';
import { streamLabelAt } from './arns';
import { AssemblyStack, readCloudAssembly } from './cloud-assembly';
import { CfnResource, TemplateError } from './cfn-types';
import { createTemplateResolver } from './intrinsics';
import { loadIamModel } from './iam/iam-pass';
import { isPolicyResourceType } from './iam/policy-types';
import { isCustomResourceType, isInertType } from './inert-types';
import { PropertyReader } from './properties';
import { BuildContext, ResolvedResource } from './resources/build-context';
import { buildApiDestination, buildConnection } from './resources/api-destination';
import { applyEventInvokeConfig } from './resources/event-invoke-config';
import { buildArchive, buildEventBus } from './resources/event-bus';
import { buildSqsEventSourceMapping } from './resources/event-source-mapping';
import { buildFunction } from './resources/function';
import { buildKmsAlias, buildKmsKey } from './resources/kms';
import { buildPipe } from './resources/pipe';
import { buildQueue } from './resources/queue';
import { buildRule } from './resources/rule';
import { buildSnsSubscription, buildTopic } from './resources/sns';
import { buildStreamEventSourceMapping, isDynamoDbStreamArn } from './resources/stream-event-source-mapping';
import { streamReaderWarnings } from './stream-readers';
import { buildTable } from './resources/table';

export interface LoadLocalModelOptions {
  /** The synthesized cloud assembly, usually `cdk.out`. */
  cdkOutDir: string;
  /** Load only this stack (its stack name or artifact id); all stacks when omitted. */
  stackName?: string;
  /** The endpoint queues' URLs are built on, for example http://127.0.0.1:4566. */
  endpoint: string;
  region: string;
  account: string;
  /** Values for Secrets Manager dynamic references, by secret id; a reference not given here is named in a warning. */
  secrets?: Readonly<Record<string, string>>;
  /**
   * The label of a table's stream, its creation time: the runtime keeps it in its state so that ARNs stay the same
   * across restarts. By default, the time the model is loaded.
   */
  streamLabel?(tableArn: string, viewType: string): string;
}

type Builder = (resolved: ResolvedResource, context: BuildContext, model: LocalModel) => void;

const add = <T>(list: T[], item: T | undefined): void => {
  if (item !== undefined) list.push(item);
};

/** A topic enters the model with the subscriptions its own Subscription property declares. */
function addTopic(model: LocalModel, built: ReturnType<typeof buildTopic>): void {
  if (built === undefined) return;
  model.topics.push(built.topic);
  model.snsSubscriptions.push(...built.subscriptions);
}

/** A Lambda event source mapping reads a DynamoDB stream or an SQS queue; its source ARN says which. */
const buildEventSourceMapping: Builder = (resolved, context, model) => {
  if (isDynamoDbStreamArn(resolved.properties.optionalString('EventSourceArn') ?? '')) {
    add(model.streamEventSourceMappings, buildStreamEventSourceMapping(resolved, model.functions, model.tables, context));
  } else {
    add(model.eventSourceMappings, buildSqsEventSourceMapping(resolved, model.functions, context));
  }
};

/**
 * The supported resource types, each with how it enters the model, in build order: resources that must exist before
 * others can refer to them by name come first (keys before aliases, functions before their configs and mappings).
 */
const BUILDERS: ReadonlyArray<readonly [type: string, build: Builder]> = [
  ['AWS::KMS::Key', (resolved, context, model) => add(model.keys, buildKmsKey(resolved, context))],
  ['AWS::KMS::Alias', (resolved, context, model) => add(model.aliases, buildKmsAlias(resolved, model.keys, context))],
  ['AWS::DynamoDB::Table', (resolved, _context, model) => add(model.tables, buildTable(resolved))],
  ['AWS::DynamoDB::GlobalTable', (resolved, _context, model) => add(model.tables, buildTable(resolved))],
  ['AWS::SQS::Queue', (resolved, context, model) => add(model.queues, buildQueue(resolved, context))],
  ['AWS::SNS::Topic', (resolved, context, model) => addTopic(model, buildTopic(resolved, context))],
  ['AWS::SNS::Subscription', (resolved, context, model) => add(model.snsSubscriptions, buildSnsSubscription(resolved, context))],
  ['AWS::Lambda::Function', (resolved, context, model) => add(model.functions, buildFunction(resolved, context))],
  ['AWS::Lambda::EventInvokeConfig', (resolved, context, model) => applyEventInvokeConfig(resolved, model.functions, context)],
  ['AWS::Lambda::EventSourceMapping', buildEventSourceMapping],
  ['AWS::Events::EventBus', (resolved, _context, model) => add(model.buses, buildEventBus(resolved))],
  ['AWS::Events::Archive', (resolved, context, model) => add(model.archives, buildArchive(resolved, context))],
  ['AWS::Events::Connection', (resolved, context, model) => add(model.connections, buildConnection(resolved, context))],
  ['AWS::Events::ApiDestination', (resolved, context, model) => add(model.apiDestinations, buildApiDestination(resolved, model.connections, context))],
  ['AWS::Events::Rule', (resolved, context, model) => add(model.rules, buildRule(resolved, context))],
  ['AWS::Pipes::Pipe', (resolved, context, model) => add(model.pipes, buildPipe(resolved, context))],
];
const BUILD_ORDER = BUILDERS.map(([type]) => type);

/** Logical ids of functions that only serve custom resources (log retention, bucket notifications and the like). */
function customResourceProviders(resources: Record<string, CfnResource>): Set<string> {
  const providers = new Set<string>();
  for (const resource of Object.values(resources)) {
    if (!isCustomResourceType(resource.Type)) continue;
    const token = resource.Properties?.ServiceToken as Record<string, unknown> | undefined;
    const getAtt = token?.['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') providers.add(getAtt[0]);
  }
  return providers;
}

function loadStack(stack: AssemblyStack, options: LoadLocalModelOptions, model: LocalModel): void {
  const resources = stack.template.Resources ?? {};
  const loadedAt = streamLabelAt(Date.now());
  const resolver = createTemplateResolver(stack.template, {
    ...options,
    stackName: stack.stackName,
    streamLabel: options.streamLabel ?? (() => loadedAt),
  });
  const context: BuildContext = { ...options, secrets: options.secrets ?? {}, stack, resolver, warn: (message) => model.warnings.push(message) };
  const providers = customResourceProviders(resources);

  const ordered = Object.entries(resources)
    .filter(([logicalId]) => resolver.isDeployed(logicalId))
    .sort(([, a], [, b]) => rank(a.Type) - rank(b.Type));

  for (const [logicalId, resource] of ordered) {
    if (!BUILD_ORDER.includes(resource.Type)) {
      if (!isInertType(resource.Type) && !isPolicyResourceType(resource.Type)) {
        model.warnings.push(`${logicalId} (${resource.Type}): resource type not supported by the local runtime; skipped`);
      }
      continue;
    }
    if (resource.Type === 'AWS::Lambda::Function' && providers.has(logicalId)) continue;
    const properties = resolver.resolve(resource.Properties ?? {}, `${logicalId}.Properties`) as Record<string, unknown>;
    const resolved: ResolvedResource = {
      logicalId,
      resource,
      identity: resolver.identity(logicalId),
      properties: new PropertyReader(`${logicalId}.Properties`, properties),
    };
    buildResource(resource.Type, resolved, context, model);
  }
  loadIamModel({ resources, resolver, region: options.region, account: options.account, warn: context.warn }, model);
}

function rank(type: string): number {
  const index = BUILD_ORDER.indexOf(type);
  return index < 0 ? BUILD_ORDER.length : index;
}

function buildResource(type: string, resolved: ResolvedResource, context: BuildContext, model: LocalModel): void {
  BUILDERS.find(([candidate]) => candidate === type)?.[1](resolved, context, model);
}

/**
 * Reads a synthesized CDK app (`cdk.out`) into the local model: every supported resource with its
 * intrinsics resolved to local names, ARNs and URLs, and a warning for each resource the runtime does not run.
 */
export function loadLocalModel(options: LoadLocalModelOptions): LocalModel {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const stacks = readCloudAssembly(options.cdkOutDir).filter(
    (stack) => options.stackName === undefined || stack.stackName === options.stackName || stack.artifactId === options.stackName,
  );
  if (stacks.length === 0) {
    throw new TemplateError(
      options.stackName === undefined
        ? `No stack found in ${options.cdkOutDir}`
        : `Stack ${options.stackName} not found in ${options.cdkOutDir}`,
    );
  }
  const model: LocalModel = {
    account: options.account,
    region: options.region,
    endpoint,
    tables: [],
    queues: [],
    functions: [],
    eventSourceMappings: [],
    streamEventSourceMappings: [],
    buses: [],
    archives: [],
    rules: [],
    pipes: [],
    keys: [],
    aliases: [],
    iam: { roles: [], resourcePolicies: [] },
    topics: [],
    snsSubscriptions: [],
    connections: [],
    apiDestinations: [],
    warnings: [],
  };
  for (const stack of stacks) loadStack(stack, { ...options, endpoint }, model);
  model.warnings.push(...streamReaderWarnings(model));
  return model;
}
