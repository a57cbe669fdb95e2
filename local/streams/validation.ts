import { validationError } from '../protocol/aws-error';

/**
 * Input checks in the wording AWS's model validation uses:
 * `2 validation errors detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null; ...`.
 * Members are named in lower camel case, as AWS names them in these messages.
 */
export class InputValidation {
  private readonly problems: string[] = [];

  constructor(private readonly input: Record<string, unknown>) {}

  string(member: string, constraints: { required?: boolean; minLength?: number; maxLength?: number; enum?: readonly string[] }): string | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) {
      if (constraints.required) this.fail(member, null, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'string') throw validationError(`Member ${member} must be a string, got ${JSON.stringify(value)}`);
    if (constraints.minLength !== undefined && value.length < constraints.minLength) {
      this.fail(member, value, `Member must have length greater than or equal to ${constraints.minLength}`);
    }
    if (constraints.maxLength !== undefined && value.length > constraints.maxLength) {
      this.fail(member, value, `Member must have length less than or equal to ${constraints.maxLength}`);
    }
    if (constraints.enum && !constraints.enum.includes(value)) {
      this.fail(member, value, `Member must satisfy enum value set: [${constraints.enum.join(', ')}]`);
    }
    return value;
  }

  integer(member: string, constraints: { min: number; max: number }): number | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw validationError(`Member ${member} must be an integer, got ${JSON.stringify(value)}`);
    }
    if (value < constraints.min) this.fail(member, value, `Member must have value greater than or equal to ${constraints.min}`);
    if (value > constraints.max) this.fail(member, value, `Member must have value less than or equal to ${constraints.max}`);
    return value;
  }

  /** Throws one ValidationException naming every problem found. */
  check(): void {
    if (this.problems.length === 0) return;
    const count = this.problems.length;
    throw validationError(`${count} validation error${count === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`);
  }

  private fail(member: string, value: unknown, constraint: string): void {
    const shown = value === null ? 'null' : `'${String(value)}'`;
    this.problems.push(`Value ${shown} at '${lowerFirst(member)}' failed to satisfy constraint: ${constraint}`);
  }
}

function lowerFirst(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}
