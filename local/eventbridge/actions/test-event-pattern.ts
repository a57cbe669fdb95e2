import { InvalidEventPatternError, compilePattern } from '../../patterns';
import { invalidEventPattern } from '../errors';
import type { EventBridgeState } from '../state';
import type { TestEventPatternInput } from '../validations/test-event-pattern';

/** Compiling the pattern is the test itself: a pattern EventBridge would refuse fails it with EventBridge's message. */
export function testEventPattern(_state: EventBridgeState, input: TestEventPatternInput): { Result: boolean } {
  let matcher: ReturnType<typeof compilePattern>;
  try {
    matcher = compilePattern(input.EventPattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw invalidEventPattern(error.message);
    throw error;
  }
  return { Result: matcher.matches(input.Event) };
}
