import { IamAccount } from '../../../local/iam/account/iam-account';
import { Authorizer, type IamMode } from '../../../local/iam/authorizer';
import { CallerDirectory } from '../../../local/iam/caller-directory';
import { roleCredentials } from '../../../local/iam/credentials';
import { roleSession, servicePrincipal } from '../../../local/iam/principals';
import { UsageLog } from '../../../local/iam/usage-log';
import type { IamModel, RoleModel } from '../../../local/model/types';
import type { AuthorizationCheck } from '../../../local/protocol/authorization';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/writer`;
const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/users`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;

function role(statements: unknown[], arn = ROLE_ARN): RoleModel {
  return {
    logicalId: 'WriterRole',
    name: arn.split('/').pop() as string,
    arn,
    policies: [{ name: 'WriterPolicy', logicalId: 'WriterRoleDefaultPolicy', document: { Version: '2012-10-17', Statement: statements } }],
    awsManagedPolicyArns: [],
  };
}

function queuePolicy(statements: unknown[]): IamModel['resourcePolicies'][number] {
  return { resourceArn: QUEUE, policy: { name: 'JobsPolicy', logicalId: 'JobsPolicy', document: { Version: '2012-10-17', Statement: statements } } };
}

interface Fixture {
  authorizer: Authorizer;
  callers: CallerDirectory;
  usage: UsageLog;
  logs: string[];
  warnings: string[];
  decisions: () => number;
}

function fixture(iam: IamModel, mode: IamMode = 'enforce', now = () => Date.parse('2025-01-01T00:00:00Z')): Fixture {
  const logs: string[] = [];
  const warnings: string[] = [];
  const account = new IamAccount(iam, { account: ACCOUNT, region: REGION, warn: (line) => warnings.push(line) });
  let decisions = 0;
  const identityPolicies = account.identityPolicies.bind(account);
  account.identityPolicies = (principal) => {
    decisions++;
    return identityPolicies(principal);
  };
  const usage = new UsageLog();
  const authorizer = new Authorizer({ account, mode, region: REGION, accountId: ACCOUNT, now, usage, log: (line) => logs.push(line) });
  return { authorizer, callers: new CallerDirectory(authorizer, account), usage, logs, warnings, decisions: () => decisions };
}

const putItem: AuthorizationCheck = { action: 'dynamodb:PutItem', resource: TABLE };
const sendMessage: AuthorizationCheck = { action: 'sqs:SendMessage', resource: QUEUE };

describe('the authorizer', () => {
  const writer = role([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE }]);

  it("allows what a role's identity policy allows, and refuses the rest with AWS's message", () => {
    const { callers } = fixture({ roles: [writer], resourcePolicies: [] });
    const caller = callers.forRole(ROLE_ARN, 'writer-fn');
    expect(caller.name).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/writer/writer-fn`);
    expect(caller.authorize([putItem])).toBeUndefined();
    const denial = caller.authorize([putItem, { action: 'dynamodb:DeleteItem', resource: TABLE }]);
    expect(denial?.check.action).toBe('dynamodb:DeleteItem');
    expect(denial?.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/writer/writer-fn is not authorized to perform: dynamodb:DeleteItem on resource: ${TABLE} because no identity-based policy allows the dynamodb:DeleteItem action`,
    );
  });

  it('treats every caller as using TLS: a Deny on aws:SecureTransport false never fires, an Allow on true allows', () => {
    const { callers } = fixture({
      roles: [role([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }])],
      resourcePolicies: [queuePolicy([{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: QUEUE, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }])],
    });
    expect(callers.forRole(ROLE_ARN, 's').authorize([sendMessage])).toBeUndefined();
    const admin = callers.forRequest({ accessKeyId: 'AKIDANYTHING' }, '127.0.0.1');
    expect(admin.name).toBe(`arn:aws:iam::${ACCOUNT}:user/local-admin`);
    expect(admin.authorize([sendMessage])).toBeUndefined();
  });

  it("checks a service principal against the resource's policy, with aws:SourceArn", () => {
    const rule = `arn:aws:events:${REGION}:${ACCOUNT}:rule/bus/to-jobs`;
    const { callers } = fixture({
      roles: [],
      resourcePolicies: [queuePolicy([{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { ArnEquals: { 'aws:SourceArn': rule } } }])],
    });
    expect(callers.forService('events.amazonaws.com', { sourceArn: rule }).authorize([sendMessage])).toBeUndefined();
    const other = callers.forService('events.amazonaws.com', { sourceArn: `${rule}-other` }).authorize([sendMessage]);
    expect(other?.message).toBe(
      `User: events.amazonaws.com is not authorized to perform: sqs:SendMessage on resource: ${QUEUE} because no resource-based policy allows the sqs:SendMessage action`,
    );
  });

  it('names the explicit Deny, its policy type and the condition keys it was decided on', () => {
    const { callers } = fixture({
      roles: [role([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }])],
      resourcePolicies: [queuePolicy([{ Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { StringNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::000000000000:role/other' } } }])],
    });
    const denial = callers.forRole(ROLE_ARN, 's').authorize([sendMessage]);
    expect(denial).toMatchObject({ reason: 'explicit-deny', policyType: 'resource-based', deniedOnKeys: ['aws:principalarn'] });
    expect(denial?.message).toMatch(/with an explicit deny in a resource-based policy$/);
  });

  it('lets a check pass on one of its alternative resources', () => {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
    const { callers } = fixture({ roles: [role([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fn }])], resourcePolicies: [] });
    expect(callers.forRole(ROLE_ARN, 's').authorize([{ action: 'lambda:InvokeFunction', resource: `${fn}:$LATEST`, alternatives: [fn] }])).toBeUndefined();
  });

  it('caches a decision per principal, action, resource and relevant context', () => {
    const { callers, decisions } = fixture({ roles: [writer], resourcePolicies: [] });
    const caller = callers.forRole(ROLE_ARN, 's');
    for (let i = 0; i < 100; i++) caller.authorize([putItem]);
    expect(decisions()).toBe(1);
    callers.forRole(ROLE_ARN, 'another-session').authorize([putItem]);
    caller.authorize([{ action: 'dynamodb:PutItem', resource: `${TABLE}-2` }]);
    expect(decisions()).toBe(3);
  });

  it('decides again when a condition key a policy tests changes, and not for keys no policy tests', () => {
    const conditioned = role([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE, Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['u-1'] } } }]);
    const { callers, decisions } = fixture({ roles: [conditioned], resourcePolicies: [] });
    const caller = callers.forRole(ROLE_ARN, 's');
    expect(caller.authorize([{ ...putItem, context: { 'dynamodb:LeadingKeys': ['u-1'], 'dynamodb:Attributes': ['a'] } }])).toBeUndefined();
    expect(caller.authorize([{ ...putItem, context: { 'dynamodb:LeadingKeys': ['u-1'], 'dynamodb:Attributes': ['b'] } }])).toBeUndefined();
    expect(decisions()).toBe(1);
    expect(caller.authorize([{ ...putItem, context: { 'dynamodb:LeadingKeys': ['u-2'] } }])).toBeDefined();
    expect(decisions()).toBe(2);
  });

  it('re-reads aws:CurrentTime for policies that test it', () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const timed = role([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE, Condition: { DateLessThan: { 'aws:CurrentTime': '2025-06-01T00:00:00Z' } } }]);
    const { callers } = fixture({ roles: [timed], resourcePolicies: [] }, 'enforce', () => now);
    const caller = callers.forRole(ROLE_ARN, 's');
    expect(caller.authorize([putItem])).toBeUndefined();
    now = Date.parse('2025-07-01T00:00:00Z');
    expect(caller.authorize([putItem])).toBeDefined();
  });

  it('records every check for the report, and each distinct denial once, logged once', () => {
    const { callers, usage, logs } = fixture({ roles: [writer], resourcePolicies: [] });
    const caller = callers.forRole(ROLE_ARN, 's');
    caller.authorize([putItem]);
    caller.authorize([putItem]);
    caller.authorize([sendMessage]);
    caller.authorize([sendMessage]);
    expect(usage.usage()).toEqual([
      { principal: caller.name, action: 'dynamodb:PutItem', resource: TABLE, allowed: 2, denied: 0 },
      { principal: caller.name, action: 'sqs:SendMessage', resource: QUEUE, allowed: 0, denied: 2 },
    ]);
    expect(usage.denials()).toEqual([expect.objectContaining({ action: 'sqs:SendMessage', enforced: true })]);
    expect(logs).toEqual([expect.stringMatching(/^iam: refused: User: .* is not authorized to perform: sqs:SendMessage on resource: /)]);
  });

  it('in warn mode lets the call through and logs once per principal, action and resource what AWS would refuse', () => {
    const { callers, usage, logs } = fixture({ roles: [writer], resourcePolicies: [] }, 'warn');
    const caller = callers.forRole(ROLE_ARN, 's');
    expect(caller.authorize([sendMessage])).toBeUndefined();
    expect(caller.authorize([sendMessage])).toBeUndefined();
    expect(caller.authorize([{ action: 'sqs:SendMessage', resource: `${QUEUE}-2` }])).toBeUndefined();
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^iam \(warn mode, allowed\): User: .* sqs:SendMessage .* because no identity-based policy allows the sqs:SendMessage action; in AWS, and in enforce mode, this is refused$/);
    expect(usage.denials().map((denial) => denial.enforced)).toEqual([false, false]);
  });

  it('in off mode evaluates and records nothing', () => {
    const { callers, usage, logs, decisions } = fixture({ roles: [writer], resourcePolicies: [] }, 'off');
    expect(callers.forRole(ROLE_ARN, 's').authorize([sendMessage])).toBeUndefined();
    expect(callers.forRequest({ accessKeyId: 'x' }, '127.0.0.1').authorize([sendMessage])).toBeUndefined();
    expect([usage.usage(), logs, decisions()]).toEqual([[], [], 0]);
  });

  it('lets a role the template lacks through, naming it once', () => {
    const { callers, logs } = fixture({ roles: [writer], resourcePolicies: [] });
    const stranger = callers.forRole(`arn:aws:iam::${ACCOUNT}:role/stranger`, 's');
    expect(stranger.authorize([sendMessage])).toBeUndefined();
    expect(stranger.authorize([putItem])).toBeUndefined();
    expect(logs).toEqual([`iam: role arn:aws:iam::${ACCOUNT}:role/stranger is not a role of the template, so its calls cannot be evaluated locally and are let through`]);
  });

  it("maps a role's local credentials to a session of the role, and any other key to the local administrator", () => {
    const { callers } = fixture({ roles: [writer], resourcePolicies: [] });
    const credentials = roleCredentials(ROLE_ARN, 'me');
    const asRole = callers.forRequest({ accessKeyId: credentials.accessKeyId, sessionToken: credentials.sessionToken }, '127.0.0.1');
    expect(asRole.name).toBe(roleSession(ROLE_ARN, 'me').arn);
    expect(asRole.authorize([sendMessage])).toBeDefined();
    expect(callers.forRequest({}, '127.0.0.1').name).toBe(`arn:aws:iam::${ACCOUNT}:user/local-admin`);
    expect(servicePrincipal('events.amazonaws.com').service).toBe('events.amazonaws.com');
  });

  it('warns at startup about an AWS managed policy it does not ship, granting nothing from it', () => {
    const { callers, warnings } = fixture({ roles: [{ ...writer, policies: [], awsManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonMadeUpAccess'] }], resourcePolicies: [] });
    expect(warnings).toEqual([
      'WriterRole (AWS::IAM::Role): AWS managed policy arn:aws:iam::aws:policy/AmazonMadeUpAccess is not known to the local runtime; what it grants is not granted locally',
    ]);
    expect(callers.forRole(ROLE_ARN, 's').authorize([putItem])).toBeDefined();
  });
});
