import type { SnsState } from '../state';
import type { ListInput } from '../validations/list';
import { pageOf } from '../pages';
import { subscriptionView } from '../subscription-view';

export function listSubscriptions(state: SnsState, input: ListInput): Record<string, unknown> {
  const { page, NextToken } = pageOf(state.subscriptions, input.NextToken);
  return { Subscriptions: page.map((subscription) => subscriptionView(subscription, state.account)), ...(NextToken !== undefined ? { NextToken } : {}) };
}
