import type { CfnResource, CfnTemplate } from '../../local/template/cfn-types';
import { DlqError } from './dlq-error';

/** Read-only access to a template's resources, following `Ref` and `Fn::GetAtt` to the resource they point at. */
export class TemplateReader {
  private readonly resources: Record<string, CfnResource>;

  constructor(template: CfnTemplate) {
    this.resources = template.Resources ?? {};
  }

  ofType(type: string): Array<[logicalId: string, properties: Record<string, unknown>]> {
    return Object.entries(this.resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
  }

  /** The logical id a `Ref` or `Fn::GetAtt` names, or undefined for anything else (a literal ARN, an import). */
  referencedId(value: unknown): string | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const { Ref: ref, 'Fn::GetAtt': getAtt } = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
    if (typeof ref === 'string') return ref in this.resources ? ref : undefined;
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0] in this.resources ? getAtt[0] : undefined;
    return undefined;
  }

  typeOf(logicalId: string): string | undefined {
    return this.resources[logicalId]?.Type;
  }

  properties(logicalId: string): Record<string, unknown> {
    return this.resources[logicalId]?.Properties ?? {};
  }

  /** The explicit physical name (`QueueName`, `Name`, ...) of a resource, or an error naming what is missing. */
  physicalName(logicalId: string, property: string): string {
    const name = this.properties(logicalId)[property];
    if (typeof name !== 'string') {
      throw new DlqError(`${logicalId} has no literal ${property} in the template; the dlq command needs explicit physical names`);
    }
    return name;
  }
}

/** A nested property, or undefined when any step is missing. */
export function propertyAt(properties: Record<string, unknown>, ...path: string[]): unknown {
  let value: unknown = properties;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
