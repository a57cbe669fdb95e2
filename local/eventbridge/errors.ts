import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';
import { describeViolations } from '../protocol/constraint-violations';

export const resourceNotFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message);

export const busNotFound = (name: string): AwsError => resourceNotFound(`Event bus ${name} does not exist.`);

export const ruleNotFound = (rule: string, bus: string): AwsError => resourceNotFound(`Rule ${rule} does not exist on EventBus ${bus}.`);

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);

export const invalidParameter = (name: string, reason: string): AwsError => validation(`Parameter ${name} is not valid. Reason: ${reason}`);

/** AWS's wording for a list member that breaks its length constraint. */
export const lengthConstraint = (member: string, constraint: string): AwsError =>
  validation(describeViolations([{ member, constraint: `Member must ${constraint}` }]));

export const invalidEventPattern = (message: string): AwsError => new AwsError('InvalidEventPatternException', message);

export const replayAlreadyExists = (name: string): AwsError => new AwsError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);

/** Buses, rules and targets come from the template, so the calls that would change them are not served. */
export const operationNotServed = (operation: string): AwsError =>
  new AwsError('UnknownOperationException', `Operation ${operation} is not served: buses, rules and targets come from the template`);

/** A request the caller may not make, as EventBridge answers it: AccessDeniedException, HTTP 400. */
export const accessDenied = (denial: AccessDenial): AwsError => new AwsError('AccessDeniedException', denial.message);
