import { AwsError } from '../protocol/aws-error';

export const resourceNotFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message);

export const busNotFound = (name: string): AwsError => resourceNotFound(`Event bus ${name} does not exist.`);

export const ruleNotFound = (rule: string, bus: string): AwsError => resourceNotFound(`Rule ${rule} does not exist on EventBus ${bus}.`);

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);

/** AWS's wording for a list member that breaks its length constraint. */
export const lengthConstraint = (member: string, constraint: string): AwsError =>
  validation(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must ${constraint}`);

export const invalidEventPattern = (message: string): AwsError => new AwsError('InvalidEventPatternException', message);
