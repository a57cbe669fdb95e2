import type { PutEventsEntry, PutEventsResultEntry } from '../model/ports';
import type { RequestCaller } from '../protocol/authorization';

/** Checks one PutEvents entry on its bus; a failing entry gets its result, and the call goes on with the others. */
export type EntryAuthorizer = (entry: PutEventsEntry, busArn: string) => PutEventsResultEntry | undefined;

/**
 * An entry is authorized with the condition keys EventBridge sets for it (`events:source`, `events:detail-type`).
 * A bus policy that refuses the entry for its source or detail type gets the error codes AWS gives those
 * (NotAuthorizedForSourceException, NotAuthorizedForDetailTypeException); any other refusal is AccessDeniedException.
 */
export function entryAuthorizer(caller: RequestCaller): EntryAuthorizer {
  return (entry, busArn) => {
    const context: Record<string, string> = {};
    if (entry.Source !== undefined) context['events:source'] = entry.Source;
    if (entry.DetailType !== undefined) context['events:detail-type'] = entry.DetailType;
    const denial = caller.authorize([{ action: 'events:PutEvents', resource: busArn, context }]);
    if (!denial) return undefined;
    const code = denial.deniedOnKeys.includes('events:source')
      ? 'NotAuthorizedForSourceException'
      : denial.deniedOnKeys.includes('events:detail-type')
        ? 'NotAuthorizedForDetailTypeException'
        : 'AccessDeniedException';
    return { ErrorCode: code, ErrorMessage: denial.message };
  };
}
