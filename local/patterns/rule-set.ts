import { compileSubRules, type CompileOptions } from './compile/compile-sub-rules';
import { eventObject } from './json/event-input';
import { PatternMachine } from './machine/pattern-machine';

/**
 * Named patterns compiled into one machine, so matching an event costs about the same for 5 rules or 1,000.
 * Rules can be added, replaced (same id) and removed while in use.
 */
export class RuleSet<Id = string> {
  private readonly machine = new PatternMachine();
  private readonly slotById = new Map<Id, number>();
  private readonly idBySlot: Array<Id | undefined> = [];
  private nextSlot = 0;

  constructor(private readonly options: CompileOptions = {}) {}

  get size(): number {
    return this.slotById.size;
  }

  /** Adds or replaces a rule. Throws InvalidEventPatternError (and keeps the old rule) if the pattern is invalid. */
  add(id: Id, pattern: string | object): void {
    const subRules = compileSubRules(pattern, this.options);
    this.remove(id);
    const slot = this.nextSlot++;
    this.slotById.set(id, slot);
    this.idBySlot[slot] = id;
    this.machine.add(slot, subRules);
  }

  remove(id: Id): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.slotById.delete(id);
    this.idBySlot[slot] = undefined;
    return this.machine.remove(slot);
  }

  /** Ids of the rules the event matches, in the order the rules were added (a replaced rule counts as added last). */
  match(event: string | object): Id[] {
    const object = eventObject(event);
    if (object === undefined) return [];
    const slots = this.machine.match(object);
    const ids: Id[] = [];
    for (let index = 0; index < slots.length; index++) ids.push(this.idBySlot[slots[index] as number] as Id);
    return ids;
  }
}
