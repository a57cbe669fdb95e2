import { validationError } from '../../protocol/aws-error';
import { describeViolations, memberName, mustNotBeNull, type ConstraintViolation } from '../../protocol/constraint-violations';

/**
 * The member checks of a Streams request. DynamoDB Streams reports every broken constraint of a request in one
 * ValidationException (`2 validation errors detected: ...`), so each check records what it finds and
 * `throwIfViolated` throws them together. A member of the wrong type is refused at once.
 */
export class MemberChecks {
  private readonly violations: ConstraintViolation[] = [];

  constructor(private readonly input: Record<string, unknown>) {}

  string(member: string, constraints: { required?: boolean; minLength?: number; maxLength?: number; enum?: readonly string[] }): string | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) {
      if (constraints.required) this.violations.push(mustNotBeNull(memberName(member)));
      return undefined;
    }
    if (typeof value !== 'string') throw validationError(`Member ${member} must be a string, got ${JSON.stringify(value)}`);
    if (constraints.minLength !== undefined && value.length < constraints.minLength) {
      this.violate(member, value, `Member must have length greater than or equal to ${constraints.minLength}`);
    }
    if (constraints.maxLength !== undefined && value.length > constraints.maxLength) {
      this.violate(member, value, `Member must have length less than or equal to ${constraints.maxLength}`);
    }
    if (constraints.enum && !constraints.enum.includes(value)) {
      this.violate(member, value, `Member must satisfy enum value set: [${constraints.enum.join(', ')}]`);
    }
    return value;
  }

  /** A string member that `throwIfViolated` guarantees is present. */
  requiredString(member: string, constraints: { minLength?: number; maxLength?: number; enum?: readonly string[] }): string {
    return this.string(member, { ...constraints, required: true }) as string;
  }

  integer(member: string, constraints: { min: number; max: number }): number | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw validationError(`Member ${member} must be an integer, got ${JSON.stringify(value)}`);
    }
    if (value < constraints.min) this.violate(member, value, `Member must have value greater than or equal to ${constraints.min}`);
    if (value > constraints.max) this.violate(member, value, `Member must have value less than or equal to ${constraints.max}`);
    return value;
  }

  /** Throws one ValidationException naming every violation found. */
  throwIfViolated(): void {
    if (this.violations.length > 0) throw validationError(describeViolations(this.violations));
  }

  private violate(member: string, value: string | number, constraint: string): void {
    this.violations.push({ member: memberName(member), shown: `'${String(value)}'`, constraint });
  }
}
