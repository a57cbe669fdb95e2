import { invalidParameter } from './errors';

/** SNS lists 100 topics or subscriptions a page. */
const PAGE_SIZE = 100;

/** A page of `items` from an opaque NextToken, and the token of the next page when there is one. */
export function pageOf<T>(items: readonly T[], nextToken: string | undefined): { page: T[]; NextToken?: string } {
  const start = nextToken === undefined ? 0 : Number(Buffer.from(nextToken, 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken');
  const end = start + PAGE_SIZE;
  return { page: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(String(end)).toString('base64') } : {}) };
}
