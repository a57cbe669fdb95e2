import { loadLocalModel } from '../local/template';
import { readCloudAssembly } from '../local/template/cloud-assembly';
import { streamLabelAt } from '../local/template/arns';
import { createTemplateResolver } from '../local/template/intrinsics';
import type { LocalModel } from '../local/model/types';
import { CDK_OUT } from './project';
import { LOCAL_REGION } from './local-defaults';

/**
 * The physical names of the synthesized stack's resources, read from its stack outputs in cdk.out and followed
 * through the template where no output names them (a pipe's enrichment, a queue's consumer). Names change with the
 * stage and the registry, so tests, benchmarks and scripts ask here rather than type them.
 */
export interface StackNames {
  usersTable: string;
  auditLogTable: string;
  eventBus: string;
  welcomeEmailQueue: string;
  /** Every queue an event or record can come to rest in when it cannot be processed, by its role. */
  deadLetterQueues: Record<DeadLetterQueueRole, string>;
  functions: {
    userCreatedEnrichment: string;
    welcomeEmail: string;
    auditLog: string;
  };
  /** The welcome-email function's environment: its sender, idempotency table and the like. */
  welcomeEmailEnvironment: Record<string, string>;
  /** The alias operators use for the stage's HMAC key, the one the functions hash email addresses with. */
  emailHmacKeyAlias: string;
}

export type DeadLetterQueueRole = 'welcomeEmail' | 'auditLog' | 'userCreatedPipe' | 'rejectedUsers';

const ACCOUNT = '000000000000';
/** Only names are read here; queue URLs would be built on it. */
const ANY_ENDPOINT = 'http://127.0.0.1';
/** Only names are read here; stream ARNs would carry it. */
const ANY_STREAM_LABEL = (): string => streamLabelAt(Date.now());

const known = new Map<string, StackNames>();

/** The names of the one stack in `cdkOutDir` (jest's global setup and `npm start` synthesize the dev stage there). */
export function stackNames(cdkOutDir: string = CDK_OUT): StackNames {
  const cached = known.get(cdkOutDir);
  if (cached) return cached;
  const output = stackOutputs(cdkOutDir);
  const model = loadLocalModel({ cdkOutDir, endpoint: ANY_ENDPOINT, region: LOCAL_REGION, account: ACCOUNT });
  const deadLetterQueues = {
    welcomeEmail: output('WelcomeEmailDlqName'),
    auditLog: output('AuditLogDlqName'),
    userCreatedPipe: output('UserCreatedPipeDlqName'),
    rejectedUsers: output('RejectedUsersQueueName'),
  };
  const welcomeEmail = consumerOf(model, output('WelcomeEmailQueueName'));
  const names: StackNames = {
    usersTable: output('UsersTableName'),
    auditLogTable: output('AuditLogTableName'),
    eventBus: output('EventBusName'),
    welcomeEmailQueue: output('WelcomeEmailQueueName'),
    deadLetterQueues,
    functions: {
      userCreatedEnrichment: enrichmentOfPipeWithDlq(model, deadLetterQueues.userCreatedPipe),
      welcomeEmail: welcomeEmail.name,
      auditLog: functionTargetWithDlq(model, deadLetterQueues.auditLog),
    },
    welcomeEmailEnvironment: welcomeEmail.environment,
    emailHmacKeyAlias: aliasOf(model, welcomeEmail.environment.EMAIL_HMAC_KEY_ARN),
  };
  known.set(cdkOutDir, names);
  return names;
}

/**
 * The stack outputs of the one stack in `cdkOutDir`, each resolved when asked for, as the local runtime resolves
 * the template; asking for one the stack lacks fails naming those it has.
 */
export function stackOutputs(cdkOutDir: string = CDK_OUT): (name: string) => string {
  const stacks = readCloudAssembly(cdkOutDir);
  if (stacks.length !== 1) throw new Error(`${cdkOutDir} holds ${stacks.length} stacks (${stacks.map((s) => s.stackName).join(', ')}); expected one`);
  const [{ template, stackName }] = stacks;
  const resolver = createTemplateResolver(template, { stackName, region: LOCAL_REGION, account: ACCOUNT, endpoint: ANY_ENDPOINT, streamLabel: ANY_STREAM_LABEL });
  const outputs = template.Outputs ?? {};
  return (name) => {
    if (!Object.hasOwn(outputs, name)) throw new Error(`${stackName} in ${cdkOutDir} has no output ${name}; it has ${Object.keys(outputs).join(', ')}`);
    return String(resolver.resolve(outputs[name].Value, `Outputs.${name}`));
  };
}

const nameOfArn = (arn: string): string => arn.split(':').pop() as string;

function consumerOf(model: LocalModel, queueName: string): LocalModel['functions'][number] {
  const mapping = model.eventSourceMappings.find((candidate) => nameOfArn(candidate.queueArn) === queueName);
  const consumer = model.functions.find((fn) => fn.arn === mapping?.functionArn);
  if (!consumer) throw new Error(`No function of the synthesized stack reads the queue ${queueName}`);
  return consumer;
}

function enrichmentOfPipeWithDlq(model: LocalModel, dlqName: string): string {
  const pipe = model.pipes.find(({ source }) => source.kind === 'dynamodb-stream' && source.deadLetterArn !== undefined && nameOfArn(source.deadLetterArn) === dlqName);
  if (!pipe?.enrichment) throw new Error(`No pipe of the synthesized stack with the dead-letter queue ${dlqName} has an enrichment`);
  return nameOfArn(pipe.enrichment.functionArn);
}

function aliasOf(model: LocalModel, keyArn: string | undefined): string {
  const alias = model.aliases.find((candidate) => candidate.targetKeyArn === keyArn);
  if (!alias) throw new Error(`No alias of the synthesized stack names the key ${keyArn}`);
  return alias.name;
}

function functionTargetWithDlq(model: LocalModel, dlqName: string): string {
  const target = model.rules.flatMap((rule) => rule.targets).find((candidate) => candidate.kind === 'lambda' && candidate.deadLetterArn !== undefined && nameOfArn(candidate.deadLetterArn) === dlqName);
  if (!target) throw new Error(`No rule of the synthesized stack targets a function with the dead-letter queue ${dlqName}`);
  return nameOfArn(target.arn);
}
