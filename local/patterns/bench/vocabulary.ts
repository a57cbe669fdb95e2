/** Value pools shared by the event and rule generators, so that rules match a realistic share of events. */
const TEAMS = ['users-fanout', 'billing', 'crm', 'auth', 'growth'];
const DOMAINS = ['users', 'accounts', 'contacts', 'sessions', 'profiles'];
/** A busy bus: 25 producing services, each with its own event types. */
export const USER_SOURCES = TEAMS.flatMap((team) => DOMAINS.map((domain) => `${team}.${domain}`));
export const USER_DETAIL_TYPES = ['UserCreated', 'UserUpdated', 'UserDeleted', 'PlanChanged', 'LoginSucceeded', 'LoginFailed',
  'EmailVerified', 'PasswordReset', 'ConsentChanged', 'ProfileViewed', 'InvoicePaid', 'TrialStarted'];
export const GIVEN_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Ken'];
export const FAMILY_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Backus'];
export const EMAIL_DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example.io'];
export const INTERESTS = ['chess', 'hiking', 'jazz', 'cooking', 'cycling', 'photography', 'go', 'sailing', 'poetry'];
export const PLANS = ['free', 'starter', 'pro', 'enterprise'] as const;
export const COUNTRIES = ['GB', 'FR', 'DE', 'US', 'JP', 'BR', 'IN', 'NG', 'AU', 'CA'] as const;
export const CHANNELS = ['web', 'ios', 'android', 'partner-api'] as const;

export const AWS_SOURCES = ['aws.ec2', 'aws.s3', 'aws.iam', 'aws.autoscaling', 'aws.rds', 'aws.lambda', 'aws.ecs', 'aws.dynamodb',
  'aws.sqs', 'aws.sns', 'aws.kms', 'aws.cloudformation', 'aws.codebuild', 'aws.glue', 'aws.events', 'aws.ssm'];
export const AWS_DETAIL_TYPES = ['AWS API Call via CloudTrail', 'EC2 Instance State-change Notification', 'AWS Service Event',
  'Scheduled Event', 'Resource Config Change', 'EC2 Spot Instance Interruption Warning', 'EBS Volume Notification',
  'ECS Task State Change', 'Glue Job State Change', 'CodeBuild Build State Change', 'RDS DB Instance Event',
  'Object Created', 'Object Deleted', 'Parameter Store Change'];
export const EVENT_NAMES = ['RunInstances', 'TerminateInstances', 'PutObject', 'DeleteObject', 'CreateUser', 'AttachRolePolicy'];
export const INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped', 'terminated'] as const;
export const INSTANCE_TYPES = ['t3.micro', 't3.small', 'm5.large', 'c6g.xlarge', 'r6i.2xlarge'] as const;
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'] as const;
export const TAG_KEYS = ['team', 'env', 'cost-center', 'service'] as const;
export const TAG_VALUES = ['payments', 'prod', 'dev', 'search', 'cc-1042', 'identity', 'staging'] as const;
export const ACCOUNTS = ['111122223333', '444455556666', '123456789012'] as const;
