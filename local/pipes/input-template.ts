/**
 * EventBridge Pipes input transformation: `<$.json.path>` placeholders and `<aws.pipes.*>` reserved
 * variables. A placeholder inside a JSON string is inserted as text; elsewhere as a JSON value.
 * The result is parsed as JSON when it is JSON, and handed on as a plain string otherwise.
 */
export interface PipeTemplateVariables {
  pipeArn: string;
  pipeName: string;
  sourceArn: string;
  enrichmentArn?: string;
  targetArn: string;
}

const PLACEHOLDER = /<(\$(?:\.[A-Za-z0-9_-]+|\[\d+\])*|aws\.pipes\.[a-z.-]+)>/g;

function pathValue(event: unknown, path: string): unknown {
  let value: unknown = event;
  for (const [, key, index] of path.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key ?? Number(index)];
  }
  return value;
}

function reservedValue(name: string, event: unknown, variables: PipeTemplateVariables): unknown {
  switch (name) {
    case 'aws.pipes.pipe-arn':
      return variables.pipeArn;
    case 'aws.pipes.pipe-name':
      return variables.pipeName;
    case 'aws.pipes.source-arn':
      return variables.sourceArn;
    case 'aws.pipes.enrichment-arn':
      return variables.enrichmentArn;
    case 'aws.pipes.target-arn':
      return variables.targetArn;
    case 'aws.pipes.event.ingestion-time':
      return new Date().toISOString();
    case 'aws.pipes.event':
      return JSON.stringify(event);
    case 'aws.pipes.event.json':
      return event;
    default:
      throw new Error(`Unknown input template variable <${name}>`);
  }
}

/** Whether position `at` of `text` falls inside a JSON string literal. */
function insideString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

export function applyInputTemplate(template: string, event: unknown, variables: PipeTemplateVariables): unknown {
  const text = template.replace(PLACEHOLDER, (_whole, name: string, offset: number) => {
    const value = name.startsWith('$') ? pathValue(event, name) : reservedValue(name, event, variables);
    if (insideString(template, offset)) {
      const asText = typeof value === 'string' ? value : JSON.stringify(value ?? null);
      return JSON.stringify(asText).slice(1, -1);
    }
    return JSON.stringify(value ?? null);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
