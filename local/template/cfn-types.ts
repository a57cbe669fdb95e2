/** The parts of a CloudFormation template the local runtime reads. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnParameter {
  Type: string;
  Default?: unknown;
}

export interface CfnTemplate {
  Parameters?: Record<string, CfnParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, CfnResource>;
  /** The runtime ignores them; tools read the stack's names from them. */
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
}

/** Raised for a template the local runtime cannot read; the message names the resource and the problem. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
