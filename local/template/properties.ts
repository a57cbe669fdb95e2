import { TemplateError } from './cfn-types';

/** Typed reads of resolved resource properties; each error names the resource and the property. */
export class PropertyReader {
  constructor(
    private readonly where: string,
    readonly values: Record<string, unknown>,
  ) {}

  child(name: string): PropertyReader {
    const value = this.values[name];
    if (value === undefined) return new PropertyReader(`${this.where}.${name}`, {});
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TemplateError(`${this.where}.${name} must be an object`);
    }
    return new PropertyReader(`${this.where}.${name}`, value as Record<string, unknown>);
  }

  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw new TemplateError(`${this.where}.${name} is required`);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new TemplateError(`${this.where}.${name} must be a string, got ${JSON.stringify(value)}`);
    return value;
  }

  /** CloudFormation accepts numbers as strings too. */
  number(name: string, fallback: number): number {
    return this.optionalNumber(name) ?? fallback;
  }

  optionalNumber(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
      throw new TemplateError(`${this.where}.${name} must be a number, got ${JSON.stringify(value)}`);
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.values[name];
    if (value === undefined) return fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new TemplateError(`${this.where}.${name} must be a boolean, got ${JSON.stringify(value)}`);
  }

  list(name: string): PropertyReader[] {
    return this.rawList(name).map((item, index) => {
      if (typeof item !== 'object' || item === null) throw new TemplateError(`${this.where}.${name}[${index}] must be an object`);
      return new PropertyReader(`${this.where}.${name}[${index}]`, item as Record<string, unknown>);
    });
  }

  stringList(name: string): string[] {
    return this.rawList(name).map((item, index) => {
      if (typeof item !== 'string') throw new TemplateError(`${this.where}.${name}[${index}] must be a string`);
      return item;
    });
  }

  /** A JSON value CloudFormation accepts either inline or as a JSON string (event patterns, redrive policies). */
  json(name: string): unknown {
    const value = this.values[name];
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new TemplateError(`${this.where}.${name} is a string but not valid JSON`);
    }
  }

  private rawList(name: string): unknown[] {
    const value = this.values[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new TemplateError(`${this.where}.${name} must be a list`);
    return value;
  }
}
