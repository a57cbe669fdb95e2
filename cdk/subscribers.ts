import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../events/user-created';
import { SubscriberEntry } from './subscription/subscriber-entry';

/**
 * Every subscriber of the bus. Adding one means adding an entry here (and, for `direct` or `queued`
 * delivery, its handler in `services/<name>/handler.ts`); the stack builds the rest from the entry.
 * See `subscription/subscriber-entry.ts` for every option and its default.
 */
export const subscribers: readonly SubscriberEntry[] = [
  {
    name: 'welcome-email',
    description: 'Sends each new user exactly one welcome email through SES',
    eventPattern: { source: [USER_CREATED_SOURCE], 'detail-type': [USER_CREATED_DETAIL_TYPE] },
    // Queued: sign-up bursts wait in the queue while the concurrency cap keeps sending within the SES quota.
    delivery: { kind: 'queued', maxConcurrency: 2 },
    needs: ['sendEmail', 'idempotencyTable', 'emailHmac'],
  },
  {
    name: 'audit-log',
    description: 'Appends one audit record per new user',
    eventPattern: { source: [USER_CREATED_SOURCE], 'detail-type': [USER_CREATED_DETAIL_TYPE] },
    delivery: { kind: 'direct' },
    needs: ['auditTable', 'emailHmac'],
  },
  // npm run new-subscriber adds new entries above this line.
];
