import type { RequestContext } from '../../protocol/service';
import { callEngine, ENGINE, type EngineReply } from '../engine';
import { throttledV1 } from '../errors';
import type { SesState } from '../state';
import type { SendRawEmailInput } from '../validations/send-raw-email';

/** SES v1 SendRawEmail, captured by the engine, which reads the recipients from the message itself. */
export async function sendRawEmail(state: SesState, input: SendRawEmailInput, context: RequestContext): Promise<EngineReply> {
  if (state.throttle.active) throw throttledV1();
  const reply = await callEngine(ENGINE.v1.sendRawEmail(state.captured.engine()), { body: input.Parameters });
  state.captured.collectNew(context);
  return reply;
}
