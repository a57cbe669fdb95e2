import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { buildApp } from '../../cdk/build-app';
import { PROJECT_ROOT } from '../../cdk/constructs/service-function';
import { subscribers as registry } from '../../cdk/subscribers';
import { Subscriber } from '../../cdk/subscription/subscriber';
import { SubscriberEntry } from '../../cdk/subscription/subscriber-entry';
import { UsersFanoutStack } from '../../cdk/users-fanout-stack';
import { CDK_CLI_CONTEXT } from '../../local/cli/synth';
import { CDK_OUT } from '../../support/project';

export interface SynthesizedApp {
  readonly stack: UsersFanoutStack;
  readonly template: Template;
  /** The raw template, for reading values the assertions API cannot return. */
  readonly json: CloudFormationTemplate;
  /** The cloud assembly directory, where asset folders are. */
  readonly assemblyDir: string;
  /** Deletes the cloud assembly directory. */
  cleanup(): void;
}

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[]; Metadata?: Record<string, unknown>; DeletionPolicy?: string }>;
  Outputs: Record<string, { Value: unknown }>;
}

export interface SynthOptions {
  /** Context on top of `cdk.json`'s, e.g. `{ stage: 'prod' }`. */
  readonly context?: Record<string, unknown>;
  readonly subscribers?: readonly SubscriberEntry[];
}

/**
 * Synthesizes the app as `cdk synth` would: with `cdk.json`'s context (feature flags included), asset and path metadata, and the
 * cdk-nag plugin, whose unacknowledged findings make this throw.
 */
export function synthApp(options: SynthOptions = {}): SynthesizedApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'users-fanout-cdk-'));
  // The CLI adds asset metadata (where each Lambda bundle is) and construct paths to every template; so does this.
  const context = { ...CDK_CLI_CONTEXT, ...cdkJsonContext(), ...options.context };
  const { app, stack } = buildApp({ outdir, context, subscribers: options.subscribers });
  const assembly = app.synth();
  const json = assembly.getStackArtifact(stack.artifactId).template as CloudFormationTemplate;
  return {
    stack,
    template: Template.fromJSON(json),
    json,
    assemblyDir: assembly.directory,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/**
 * The app as jest's global setup synthesized it into cdk.out: the dev stage, cdk.json's context and the whole
 * registry, as `synthApp()` would make it. Tests that only read the template share that one synthesis. The
 * construct tree, which maps constructs to logical ids, is built again with bundling skipped (the costly part of
 * building it); its ids are the template's.
 */
export function synthesizedDevApp(): SynthesizedApp {
  const { stack } = buildApp({ context: { ...CDK_CLI_CONTEXT, ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const json = JSON.parse(readFileSync(path.join(CDK_OUT, `${stack.artifactId}.template.json`), 'utf8')) as CloudFormationTemplate;
  return { stack, template: Template.fromJSON(json), json, assemblyDir: CDK_OUT, cleanup: () => undefined };
}

function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
}

export interface BuiltInApp {
  readonly app: SynthesizedApp;
  readonly welcomeEmail: Subscriber;
  readonly auditLog: Subscriber;
}

/**
 * The app with the two built-in subscribers only, so counts and principals hold after `npm run new-subscriber`
 * has added more to the registry.
 */
export function synthBuiltInApp(): BuiltInApp {
  const app = synthApp({ subscribers: registry.filter((entry) => ['welcome-email', 'audit-log'].includes(entry.name)) });
  const byName = (name: string) => {
    const found = app.stack.subscribers.find((subscriber) => subscriber.entry.name === name);
    if (found === undefined) throw new Error(`no subscriber ${name} in the app`);
    return found;
  };
  return { app, welcomeEmail: byName('welcome-email'), auditLog: byName('audit-log') };
}

/** The logical id of a construct's CloudFormation resource (the construct itself or its default child). */
export function logicalIdOf(app: SynthesizedApp, construct: IConstruct): string {
  const resource = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (!CfnElement.isCfnElement(resource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return app.stack.resolve(resource.logicalId) as string;
}

/** Resources of one type, by logical id. */
export function resourcesOfType(app: SynthesizedApp, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(app.json.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([id, resource]) => [id, resource.Properties ?? {}]),
  );
}

export interface NormalizedStatement {
  readonly actions: string[];
  readonly resources: unknown[];
}

/** Every Allow statement attached to a role (inline policies), with actions and resources as sorted arrays. */
export function statementsOfRole(app: SynthesizedApp, role: IConstruct): NormalizedStatement[] {
  const roleRef = JSON.stringify({ Ref: logicalIdOf(app, role) });
  return Object.values(resourcesOfType(app, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Roles as unknown[]).some((candidate) => JSON.stringify(candidate) === roleRef))
    .flatMap((policy) => (policy.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] }).Statement)
    .map((statement) => {
      expect(statement.Effect).toBe('Allow');
      return {
        actions: [statement.Action].flat().sort(),
        resources: [statement.Resource].flat().sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      };
    });
}

/** `{ 'Fn::GetAtt': [<logical id>, 'Arn'] }` of a construct's resource. */
export function arnOf(app: SynthesizedApp, construct: IConstruct): unknown {
  return { 'Fn::GetAtt': [logicalIdOf(app, construct), 'Arn'] };
}
