import type { RequestContext } from '../../protocol/service';
import { callEngine, ENGINE, type EngineReply } from '../engine';
import { throttledV1 } from '../errors';
import type { SesState } from '../state';
import type { SendEmailInput } from '../validations/send-email';

/** SES v1 SendEmail, captured by the engine; it keeps only the first address of each destination list, so the input's complete lists replace them. */
export async function sendEmail(state: SesState, input: SendEmailInput, context: RequestContext): Promise<EngineReply> {
  if (state.throttle.active) throw throttledV1();
  const reply = await callEngine(ENGINE.v1.sendEmail(state.captured.engine()), { body: input.Parameters });
  state.captured.collectNew(context, (email) => {
    email.destination = { to: input.Destination.ToAddresses, cc: input.Destination.CcAddresses, bcc: input.Destination.BccAddresses };
  });
  return reply;
}
