import { LocalModel } from '../model/types';
import { streamLabelAt } from './arns';
import { AssemblyStack, readCloudAssembly } from './cloud-assembly';
import { CfnResource, TemplateError } from './cfn-types';
import { createTemplateResolver } from './intrinsics';
import { isCustomResourceType, isInertType } from './inert-types';
import { PropertyReader } from './properties';
import { BuildContext, ResolvedResource } from './resources/build-context';
import { applyEventInvokeConfig } from './resources/event-invoke-config';
import { buildArchive, buildEventBus } from './resources/event-bus';
import { buildSqsEventSourceMapping } from './resources/event-source-mapping';
import { buildFunction } from './resources/function';
import { buildKmsAlias, buildKmsKey } from './resources/kms';
import { buildPipe } from './resources/pipe';
import { buildQueue } from './resources/queue';
import { buildRule } from './resources/rule';
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
  /**
   * The label of a table's stream, its creation time: the runtime keeps it in its state so that ARNs stay the same
   * across restarts. By default, the time the model is loaded.
   */
  streamLabel?(tableArn: string, viewType: string): string;
}

/** Resources that must exist before others can refer to them by name: keys before aliases, functions before their configs and mappings. */
const BUILD_ORDER = [
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::SQS::Queue',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Events::EventBus',
  'AWS::Events::Archive',
  'AWS::Events::Rule',
  'AWS::Pipes::Pipe',
];

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
  const context: BuildContext = { ...options, stack, resolver, warn: (message) => model.warnings.push(message) };
  const providers = customResourceProviders(resources);

  const ordered = Object.entries(resources)
    .filter(([logicalId]) => resolver.isDeployed(logicalId))
    .sort(([, a], [, b]) => rank(a.Type) - rank(b.Type));

  for (const [logicalId, resource] of ordered) {
    if (!BUILD_ORDER.includes(resource.Type)) {
      if (!isInertType(resource.Type)) {
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
}

function rank(type: string): number {
  const index = BUILD_ORDER.indexOf(type);
  return index < 0 ? BUILD_ORDER.length : index;
}

function buildResource(type: string, resolved: ResolvedResource, context: BuildContext, model: LocalModel): void {
  const push = <T>(list: T[], item: T | undefined): void => {
    if (item !== undefined) list.push(item);
  };
  switch (type) {
    case 'AWS::KMS::Key':
      return push(model.keys, buildKmsKey(resolved, context));
    case 'AWS::KMS::Alias':
      return push(model.aliases, buildKmsAlias(resolved, model.keys, context));
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return push(model.tables, buildTable(resolved));
    case 'AWS::SQS::Queue':
      return push(model.queues, buildQueue(resolved, context));
    case 'AWS::Lambda::Function':
      return push(model.functions, buildFunction(resolved, context));
    case 'AWS::Lambda::EventInvokeConfig':
      return applyEventInvokeConfig(resolved, model.functions, context);
    case 'AWS::Lambda::EventSourceMapping':
      if (isDynamoDbStreamArn(resolved.properties.optionalString('EventSourceArn') ?? '')) {
        return push(model.streamEventSourceMappings, buildStreamEventSourceMapping(resolved, model.functions, model.tables, context));
      }
      return push(model.eventSourceMappings, buildSqsEventSourceMapping(resolved, model.functions, context));
    case 'AWS::Events::EventBus':
      return push(model.buses, buildEventBus(resolved));
    case 'AWS::Events::Archive':
      return push(model.archives, buildArchive(resolved, context));
    case 'AWS::Events::Rule':
      return push(model.rules, buildRule(resolved, context));
    case 'AWS::Pipes::Pipe':
      return push(model.pipes, buildPipe(resolved, context));
  }
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
    warnings: [],
  };
  for (const stack of stacks) loadStack(stack, { ...options, endpoint }, model);
  model.warnings.push(...streamReaderWarnings(model));
  return model;
}
