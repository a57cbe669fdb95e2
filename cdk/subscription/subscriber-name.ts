/** The one rule for subscriber names: the stack refuses an entry that breaks it, and the scaffold a name that would. */
export const SUBSCRIBER_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

// Physical names are `users-fanout-<stage>-<name>-dlq`; this keeps them within SQS's 80 characters.
export const MAX_SUBSCRIBER_NAME_LENGTH = 40;
