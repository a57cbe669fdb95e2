import type { SnsSubscriptionModel, TopicModel } from '../model/types';
import type { Publisher } from './publisher';

/** What the SNS actions work on. */
export interface SnsState {
  topics: ReadonlyMap<string, TopicModel>;
  subscriptions: readonly SnsSubscriptionModel[];
  publisher: Publisher;
  account: string;
}
