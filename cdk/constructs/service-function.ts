import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { recordLocalBuild, type BundlingSettings } from './local-build';

/** Repository root: services live in `services/<name>/handler.ts` under it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export type PowertoolsLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * How every service is bundled. The local runtime's watch mode rebuilds with the same settings, which each
 * function records in its template metadata (local-build.ts).
 */
const BUNDLING: BundlingSettings = {
  minify: true,
  sourceMap: true,
  target: 'node24',
  // esbuild's own default (info) prints a size summary of every bundle on every synth; warnings and errors still print.
  logLevel: nodejs.LogLevel.WARNING,
  // Bundle the AWS SDK too: the deployed code then runs the exact SDK version it was tested with.
  externalModules: [],
};

/** How a stage keeps its log groups. */
export interface LogGroupSettings {
  /** Encrypts each log group; its policy must let CloudWatch Logs use it for the group's name. */
  readonly encryptionKey: kms.IKey;
  /** RETAIN keeps the logs when the stack is deleted (prod). */
  readonly removalPolicy: RemovalPolicy;
}

export interface ServiceFunctionProps {
  /** The folder under `services/`; the entry point is `services/<serviceName>/handler.ts`, export `handler`. */
  readonly serviceName: string;
  /**
   * Physical name, which operators' tools (`npm run dlq`) and the local runtime use too; the log group is
   * `/aws/lambda/<functionName>`, a name the logs key's policy can name before the group exists.
   */
  readonly functionName: string;
  readonly logs: LogGroupSettings;
  readonly description: string;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 'INFO' */
  readonly logLevel?: PowertoolsLogLevel;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * One service Lambda: Node.js 24 on arm64, bundled locally by esbuild (never Docker) with its dependencies
 * inlined, so the same artefact runs in AWS and in the local runtime. It gets its own role that may only write
 * to its own log group; every further permission and setting is added by the caller (`grant*`, `addEnvironment`).
 */
export class ServiceFunction extends nodejs.NodejsFunction {
  /** Always set here (never the Lambda default), so queue visibility timeouts can be derived from it. */
  declare readonly timeout: Duration;
  readonly serviceName: string;
  /** The log group the function writes to, and the only resource its role may touch until granted more. */
  readonly functionLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const entry = path.join(PROJECT_ROOT, 'services', props.serviceName, 'handler.ts');
    if (!existsSync(entry)) {
      throw new Error(`Service "${props.serviceName}": no handler at ${path.relative(PROJECT_ROOT, entry)}`);
    }
    const timeout = props.timeout ?? Duration.seconds(10);
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.serviceName} service`,
    });
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      encryptionKey: props.logs.encryptionKey,
      removalPolicy: props.logs.removalPolicy,
    });
    super(scope, id, {
      entry,
      handler: 'handler',
      functionName: props.functionName,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout,
      role,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        target: BUNDLING.target,
        logLevel: BUNDLING.logLevel,
        externalModules: [...BUNDLING.externalModules],
      },
    });
    recordLocalBuild(this, this.node.defaultChild as lambda.CfnFunction, entry, PROJECT_ROOT, BUNDLING);
    logGroup.grantWrite(role);
    this.functionLogGroup = logGroup;
    this.serviceName = props.serviceName;
  }
}
