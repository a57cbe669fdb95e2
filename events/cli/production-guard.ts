import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../user-created';
import { CliError } from './cli-error';

/** The bus of the `prod` stage (`users-fanout-<stage>`); a CDK test checks that the production stack names it so. */
export const PRODUCTION_BUS_NAME = 'users-fanout-prod';

export const CONFIRM_REAL_EMAILS_FLAG = '--yes-send-real-emails';

/**
 * A UserCreated event on the production bus makes the welcome-email service mail a real person. The bus policy
 * already keeps test senders off it in production; this makes an operator who can still send (the redrive role)
 * say so explicitly, so a test file pointed at the wrong stage sends nothing.
 */
export function refuseUnconfirmedRealEmails(entries: readonly PutEventsRequestEntry[], confirmed: boolean): void {
  if (confirmed) return;
  const indexes = entries.flatMap((entry, index) => (sendsRealEmail(entry) ? [index] : []));
  if (indexes.length === 0) return;
  throw new CliError(
    `${indexes.length === 1 ? 'entry' : 'entries'} ${indexes.join(', ')} would send UserCreated to the production bus ` +
      `${PRODUCTION_BUS_NAME}, which emails real people; nothing was sent. Add ${CONFIRM_REAL_EMAILS_FLAG} if that is what you mean`,
  );
}

function sendsRealEmail(entry: PutEventsRequestEntry): boolean {
  return entry.Source === USER_CREATED_SOURCE && entry.DetailType === USER_CREATED_DETAIL_TYPE && busName(entry.EventBusName) === PRODUCTION_BUS_NAME;
}

/** EventBusName takes a name or an ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`). */
function busName(nameOrArn: string | undefined): string | undefined {
  if (nameOrArn === undefined) return undefined;
  return nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
}
