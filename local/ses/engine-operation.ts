import { operation } from '../protocol/operations';
import { callEngine, type EngineOperation, type EngineRequest } from './engine';
import { throttledV2 } from './errors';
import type { SesState } from './state';

export interface EngineOperationOptions {
  /** A send, which an SES outage refuses. */
  sends?: boolean;
  /** Members the engine reads from the path, such as `TemplateName`. */
  pathMembers?: readonly string[];
  /** Members the engine reads from the query string. */
  queryMembers?: readonly string[];
}

/**
 * An SES v2 operation the engine answers alone, with the engine's own validation, as DynamoDB leaves its plain
 * operations to dynalite. Validation only sorts the members into where the engine reads them.
 */
export function engineOperation(handler: EngineOperation, options: EngineOperationOptions = {}) {
  const pick = (input: Record<string, unknown>, names: readonly string[] = []): Record<string, string> =>
    Object.fromEntries(names.flatMap((name) => (typeof input[name] === 'string' ? [[name, input[name] as string]] : [])));
  return operation(
    (input): EngineRequest => ({ body: input, params: pick(input, options.pathMembers), query: pick(input, options.queryMembers) }),
    async (state: SesState, request, context) => {
      if (options.sends && state.throttle.active) throw throttledV2();
      const reply = await callEngine(handler(state.captured.engine()), request);
      state.captured.collectNew(context);
      return reply;
    },
  );
}
