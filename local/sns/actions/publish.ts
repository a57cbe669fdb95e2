import type { RequestContext } from '../../protocol/service';
import type { PublishInput } from '../publisher';
import type { SnsState } from '../state';

export async function publish(state: SnsState, input: PublishInput, context: RequestContext): Promise<{ MessageId: string }> {
  const { messageId } = await state.publisher.publish(input, context.traceParent);
  return { MessageId: messageId };
}
