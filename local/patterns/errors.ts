const MESSAGE_PREFIX = 'Event pattern is not valid. Reason: ';

/**
 * A pattern EventBridge would refuse. The message is AWS's own, so callers can return it verbatim
 * as the InvalidEventPatternException of TestEventPattern, PutRule or CreatePipe.
 */
export class InvalidEventPatternError extends Error {
  readonly code = 'InvalidEventPatternException';
  readonly reason: string;

  constructor(reason: string) {
    super(MESSAGE_PREFIX + reason);
    this.name = 'InvalidEventPatternException';
    this.reason = reason;
  }
}

export function invalidPattern(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
