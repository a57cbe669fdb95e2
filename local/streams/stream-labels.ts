import type { StateStore } from '../storage/state-store';
import { streamLabelAt } from '../template/arns';

/** Gives a table's stream its label: its creation time, as DynamoDB's labels are. */
export type StreamLabeller = (tableArn: string, viewType: string) => string;

/**
 * Labels kept in the runtime's state, so a stream keeps its label, and its ARN, across restarts. A table whose
 * template asks for another view type gets a new stream, with a new label, as it does in AWS.
 */
export function persistentStreamLabels(store: StateStore, now: () => number): StreamLabeller {
  const labels = store.collection<string>('stream-labels');
  return (tableArn, viewType) => {
    const key = `${tableArn} ${viewType}`;
    const known = labels.get(key);
    if (known !== undefined) return known;
    const label = streamLabelAt(now());
    labels.set(key, label);
    return label;
  };
}
