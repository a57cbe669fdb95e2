import type { LogSink } from '../log-sink';

/** Splits a stream of text into lines, each prefixed with its source, and hands complete lines to the sink. */
export function prefixedLineWriter(prefix: string, sink: LogSink): { write(chunk: string): void; flush(): void } {
  let partial = '';
  return {
    write(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) sink(`[${prefix}] ${line.replace(/\r$/, '')}`);
    },
    flush() {
      if (partial !== '') sink(`[${prefix}] ${partial}`);
      partial = '';
    },
  };
}
