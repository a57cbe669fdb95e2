import * as fs from 'node:fs';
import * as path from 'node:path';
import { FunctionBuildModel, FunctionModel } from '../../model/types';
import { BuildContext, ResolvedResource } from './build-context';

/** AWS defaults for properties a function leaves out. */
export const FUNCTION_DEFAULTS = {
  timeoutSeconds: 3,
  memorySizeMb: 128,
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21_600,
};

/** Function properties that change behaviour but that the local runtime does not reproduce. */
const UNAPPLIED_PROPERTIES: ReadonlyArray<[string, string]> = [
  ['Layers', 'code the handler loads from /opt will be missing'],
  ['DeadLetterConfig', 'failed async events go only to the EventInvokeConfig on-failure destination'],
];

function codeDirectory({ logicalId, resource, properties }: ResolvedResource, context: BuildContext): string | undefined {
  const code = properties.child('Code');
  if (code.has('ZipFile') || code.has('ImageUri')) {
    context.warn(`${logicalId} (AWS::Lambda::Function): inline or container image code is not supported locally; skipped`);
    return undefined;
  }
  const assetPath = resource.Metadata?.['aws:asset:path'];
  const objectKey = code.optionalString('S3Key');
  const directory =
    typeof assetPath === 'string'
      ? path.resolve(context.stack.assemblyDir, assetPath)
      : objectKey !== undefined
        ? context.stack.assetPathsByObjectKey.get(objectKey)
        : undefined;
  if (directory === undefined || !fs.statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    const known = directory ?? `S3 key ${objectKey ?? '(none)'}`;
    context.warn(`${logicalId} (AWS::Lambda::Function): code asset ${known} is not a folder in cdk.out; skipped`);
    return undefined;
  }
  return directory;
}

/** The metadata key the app records its esbuild build under (see cdk/constructs/local-build.ts). */
export const LOCAL_BUILD_METADATA = 'local-runtime:esbuild';

/** The recorded build, with its paths made absolute; none when the app recorded none (or one this cannot read). */
function recordedBuild({ logicalId, resource }: ResolvedResource, context: BuildContext): FunctionBuildModel | undefined {
  const build = resource.Metadata?.[LOCAL_BUILD_METADATA] as Partial<Record<'projectRoot' | 'entry' | 'outfile', unknown>> & { options?: unknown } | undefined;
  if (build === undefined) return undefined;
  const { projectRoot, entry, outfile, options } = build;
  if (typeof projectRoot !== 'string' || typeof entry !== 'string' || typeof outfile !== 'string' || typeof options !== 'object' || options === null) {
    context.warn(`${logicalId} (AWS::Lambda::Function): its ${LOCAL_BUILD_METADATA} metadata is not projectRoot, entry, outfile and options; watch mode will not rebuild it`);
    return undefined;
  }
  const root = path.resolve(context.stack.assemblyDir, projectRoot);
  return { projectRoot: root, entry: path.resolve(root, entry), outfile, options: options as Record<string, unknown> };
}

export function buildFunction(resolved: ResolvedResource, context: BuildContext): FunctionModel | undefined {
  const { logicalId, identity, properties } = resolved;
  const runtime = properties.string('Runtime');
  if (!runtime.startsWith('nodejs')) {
    context.warn(`${logicalId} (AWS::Lambda::Function): runtime ${runtime} is not supported locally, only nodejs; skipped`);
    return undefined;
  }
  const codeDir = codeDirectory(resolved, context);
  if (codeDir === undefined) return undefined;
  const build = recordedBuild(resolved, context);
  for (const [property, effect] of UNAPPLIED_PROPERTIES) {
    if (properties.has(property)) context.warn(`${logicalId} (AWS::Lambda::Function): ${property} is not applied locally; ${effect}`);
  }
  const variables = properties.child('Environment').child('Variables').values;
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    environment[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return {
    logicalId,
    name: identity.ref,
    arn: identity.attributes.Arn,
    codeDir,
    handler: properties.string('Handler'),
    runtime,
    timeoutSeconds: properties.number('Timeout', FUNCTION_DEFAULTS.timeoutSeconds),
    memorySizeMb: properties.number('MemorySize', FUNCTION_DEFAULTS.memorySizeMb),
    environment,
    asyncConfig: {
      maximumRetryAttempts: FUNCTION_DEFAULTS.maximumRetryAttempts,
      maximumEventAgeSeconds: FUNCTION_DEFAULTS.maximumEventAgeSeconds,
    },
    ...(build && { build }),
    ...(properties.has('Role') ? { roleArn: properties.string('Role') } : {}),
    logGroupName: properties.child('LoggingConfig').optionalString('LogGroup') ?? `/aws/lambda/${identity.ref}`,
  };
}
