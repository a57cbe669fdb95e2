import type { PublishInput } from '../publisher';
import type { SnsState } from '../state';

export async function publish(state: SnsState, input: PublishInput): Promise<{ MessageId: string }> {
  const { messageId } = await state.publisher.publish(input);
  return { MessageId: messageId };
}
