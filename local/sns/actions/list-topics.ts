import type { SnsState } from '../state';
import type { ListInput } from '../validations/list';
import { pageOf } from '../pages';

export function listTopics(state: SnsState, input: ListInput): { Topics: Array<{ TopicArn: string }>; NextToken?: string } {
  const { page, NextToken } = pageOf([...state.topics.keys()], input.NextToken);
  return { Topics: page.map((TopicArn) => ({ TopicArn })), ...(NextToken !== undefined ? { NextToken } : {}) };
}
