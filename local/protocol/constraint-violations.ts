/**
 * AWS's model-validation wording, which DynamoDB, DynamoDB Streams, EventBridge and SES share:
 * `2 validation errors detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null; ...`.
 * Each service wraps the text in its own error code.
 */
export interface ConstraintViolation {
  /** The member as these messages name it: lower camel case, dotted when nested (`message.subject.data`). */
  member: string;
  /** The value as the message shows it (`null`, `'abc'`, `'[3 items]'`); absent where AWS shows none. */
  shown?: string;
  constraint: string;
}

export function describeViolations(violations: readonly ConstraintViolation[]): string {
  const count = violations.length;
  const each = violations.map(
    ({ member, shown, constraint }) => `Value${shown === undefined ? '' : ` ${shown}`} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${each.join('; ')}`;
}

/** A required member that is missing. */
export function mustNotBeNull(member: string): ConstraintViolation {
  return { member, shown: 'null', constraint: 'Member must not be null' };
}

/** `StreamArn` as these messages name it: `streamArn`. */
export function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
