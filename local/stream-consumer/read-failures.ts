/**
 * Says once that a stream cannot be read, not at every retry: a reader throttled because the shard has two other
 * readers retries every second for as long as they run. It says so again when the reason changes, and when reading
 * works again.
 */
export class ReadFailures {
  private failing: string | undefined;

  constructor(private readonly log: (message: string) => void) {}

  failed(streamArn: string, error: Error): void {
    const reason = `${error.name}: ${error.message}`;
    if (reason === this.failing) return;
    this.failing = reason;
    this.log(`cannot read ${streamArn} (${reason}); retrying`);
  }

  succeeded(streamArn: string): void {
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.log(`reading ${streamArn} again`);
  }
}
