import { compileSubRules, type CompileOptions } from './compile/compile-sub-rules';
import { eventObject } from './json/event-input';
import { PatternMachine } from './machine/pattern-machine';

export interface CompiledPattern {
  /** Whether the event (JSON text or parsed object) matches. Text that is not a JSON object never matches. */
  matches(event: string | object): boolean;
}

/** Validates and compiles one pattern. Throws InvalidEventPatternError with AWS's message when it is invalid. */
export function compilePattern(pattern: string | object, options?: CompileOptions): CompiledPattern {
  const machine = new PatternMachine();
  machine.add(0, compileSubRules(pattern, options));
  return {
    matches(event: string | object): boolean {
      const object = eventObject(event);
      return object !== undefined && machine.matchesAny(object);
    },
  };
}

/** One-off test of an event against a pattern, as TestEventPattern does. */
export function matchesPattern(pattern: string | object, event: string | object, options?: CompileOptions): boolean {
  return compilePattern(pattern, options).matches(event);
}
