/** Physical names of the dev stage, as its synthesized template (cdk.out) names the resources. */
export const USERS_TABLE = 'users-fanout-dev-users';
export const AUDIT_TABLE = 'users-fanout-dev-audit-log';
export const BUS_NAME = 'users-fanout-dev';
export const WELCOME_EMAIL_QUEUE = 'users-fanout-dev-welcome-email';

/** Every queue an event or record can come to rest in when it cannot be processed. */
export const DEAD_LETTER_QUEUES = {
  welcomeEmail: 'users-fanout-dev-welcome-email-dlq',
  auditLog: 'users-fanout-dev-audit-log-dlq',
  userCreatedPipe: 'users-fanout-dev-user-created-dlq',
  rejectedUsers: 'users-fanout-dev-rejected-users',
} as const;

/** A key of DEAD_LETTER_QUEUES, naming one of those queues by its role. */
export type DeadLetterQueueKey = keyof typeof DEAD_LETTER_QUEUES;

/** The services' log messages for a redelivery they recognised and ignored. */
export const SUPPRESSION_MESSAGES = [
  'Duplicate delivery suppressed; welcome email already handled',
  'Audit record already written; redelivery ignored',
] as const;
