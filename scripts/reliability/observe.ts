import { capturedMail } from '../../support/observers/mail';
import { userIdOfEmail } from './users';

/** When each user's welcome emails were captured (epoch ms, in order), from the local SES's inspection API. */
export async function mailTimesByUser(endpoint: string): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>();
  for (const message of await capturedMail(endpoint)) {
    for (const address of message.Destination.ToAddresses) {
      const userId = userIdOfEmail(address);
      if (userId !== undefined) times.set(userId, [...(times.get(userId) ?? []), Date.parse(message.Timestamp)].sort((a, b) => a - b));
    }
  }
  return times;
}
