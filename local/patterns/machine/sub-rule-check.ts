import { isConsistentWithAll, type ArrayMembership } from './array-membership';
import type { MatchScratch } from './match-scratch';
import type { RuleTables } from './rule-tables';

/**
 * Whether a sub-rule holds for the walked event: every condition is met by a matching value, or by the
 * field's absence where `exists: false` allows it, and the chosen values never come from different elements
 * of one array. Conditions are taken in field-name order, and absence is judged against the array elements
 * chosen so far, as event-ruler does.
 */
export function isSubRuleSatisfied(subRule: number, tables: RuleTables, scratch: MatchScratch): boolean {
  const conditions = tables.subRuleConditions[subRule] as number[];
  return isTriviallySatisfied(conditions, tables, scratch) || assign(conditions, 0, [], tables, scratch);
}

// Most events need no search: every value came from outside arrays, or the absent fields are absent outright.
function isTriviallySatisfied(conditions: readonly number[], tables: RuleTables, scratch: MatchScratch): boolean {
  const epoch = scratch.epoch;
  for (let index = 0; index < conditions.length; index++) {
    const condition = conditions[index] as number;
    if (scratch.conditionFreeStamp[condition] === epoch) continue;
    if (!tables.conditionAllowsAbsent[condition] || scratch.conditionStamp[condition] === epoch) return false;
    if (scratch.presenceStamp[tables.conditionPresenceSlot[condition] as number] === epoch) return false;
  }
  return true;
}

function assign(
  conditions: readonly number[],
  position: number,
  chosen: ArrayMembership[],
  tables: RuleTables,
  scratch: MatchScratch,
): boolean {
  if (position === conditions.length) return true;
  const condition = conditions[position] as number;
  const epoch = scratch.epoch;
  if (scratch.conditionFreeStamp[condition] === epoch) return assign(conditions, position + 1, chosen, tables, scratch);
  if (scratch.conditionStamp[condition] === epoch) {
    for (const membership of scratch.conditionHits[condition] as ArrayMembership[]) {
      if (!isConsistentWithAll(membership, chosen)) continue;
      chosen.push(membership);
      if (assign(conditions, position + 1, chosen, tables, scratch)) return true;
      chosen.pop();
    }
  }
  return (
    (tables.conditionAllowsAbsent[condition] as boolean) &&
    !isPresentAlongside(tables.conditionPresenceSlot[condition] as number, chosen, scratch) &&
    assign(conditions, position + 1, chosen, tables, scratch)
  );
}

function isPresentAlongside(slot: number, chosen: readonly ArrayMembership[], scratch: MatchScratch): boolean {
  if (scratch.presenceStamp[slot] !== scratch.epoch) return false;
  if (scratch.presenceFreeStamp[slot] === scratch.epoch) return true;
  return (scratch.presenceOccurrences[slot] as ArrayMembership[]).some((occurrence) =>
    isConsistentWithAll(occurrence, chosen),
  );
}
