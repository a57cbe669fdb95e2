import { authorization, type AuthorizationCheck, type AuthorizationTable, type RequiredPermission } from '../protocol/authorization';
import type { RequestContext } from '../protocol/service';
import { archiveArn, busNameFromArnOrName, eventBusArn, replayArn, ruleArn } from '../template/arns';
import { DEFAULT_BUS_NAME } from './bus-registry';
import type { EVENTBRIDGE_OPERATIONS } from './operations';
import type { EventBridgeState } from './state';

/** A bus named by name or ARN (the default bus when none is named), whether the runtime has it or not. */
export function busArnOf(state: EventBridgeState, nameOrArn: string | undefined, context: RequestContext): string {
  return state.registry.findBus(nameOrArn)?.model.arn ?? (nameOrArn?.startsWith('arn:') ? nameOrArn : eventBusArn(context, nameOrArn || DEFAULT_BUS_NAME));
}

const everywhere = (action: string) => authorization([{ action, resourceType: '*' }], () => [{ action, resource: '*' }]);

/** Rules are one resource type on the default bus and another on custom buses; an operation may name either. */
const RULE_TYPES = (action: string): RequiredPermission[] => [
  { action, resourceType: 'rule-on-default-event-bus' },
  { action, resourceType: 'rule-on-custom-event-bus' },
];

function onRule(action: string) {
  return authorization<EventBridgeState, { EventBusName?: string; Name?: string; Rule?: string }>(RULE_TYPES(action), (input, state, context) => {
    const bus = state.registry.findBus(input.EventBusName)?.model.name ?? busNameFromArnOrName(input.EventBusName || DEFAULT_BUS_NAME);
    return [{ action, resource: ruleArn(context, bus, input.Name ?? input.Rule ?? '') }];
  });
}

/**
 * The permission each EventBridge operation needs, from the Service Authorization Reference. PutEvents is checked
 * here on each bus it sends to; each entry is checked again with its `events:source` and `events:detail-type`
 * (in the action), so a bus policy can refuse one entry while the others go through, as AWS does.
 */
export const EVENTBRIDGE_AUTHORIZATION = {
  PutEvents: authorization([{ action: 'events:PutEvents', resourceType: 'event-bus' }], (input, state, context): AuthorizationCheck[] => {
    const buses = new Set(input.Entries.map((checked) => (checked.ok ? busArnOf(state, checked.entry.EventBusName, context) : undefined)));
    return [...buses].filter((bus): bus is string => bus !== undefined).map((bus) => ({ action: 'events:PutEvents', resource: bus }));
  }),
  TestEventPattern: everywhere('events:TestEventPattern'),
  ListEventBuses: everywhere('events:ListEventBuses'),
  DescribeEventBus: authorization([{ action: 'events:DescribeEventBus', resourceType: 'event-bus' }], (input, state, context) => [
    { action: 'events:DescribeEventBus', resource: busArnOf(state, input.Name, context) },
  ]),
  ListRules: everywhere('events:ListRules'),
  DescribeRule: onRule('events:DescribeRule'),
  ListTargetsByRule: onRule('events:ListTargetsByRule'),
  ListArchives: everywhere('events:ListArchives'),
  DescribeArchive: authorization([{ action: 'events:DescribeArchive', resourceType: 'archive' }], (input, _state, context) => [
    { action: 'events:DescribeArchive', resource: archiveArn(context, input.ArchiveName) },
  ]),
  // A replay needs its archive, its destination bus and the replay itself, as the reference lists for StartReplay.
  StartReplay: authorization(
    [
      { action: 'events:StartReplay', resourceType: 'archive' },
      { action: 'events:StartReplay', resourceType: 'event-bus' },
      { action: 'events:StartReplay', resourceType: 'replay' },
    ],
    (input, state, context) => [
      { action: 'events:StartReplay', resource: state.archives.find(input.EventSourceArn)?.arn ?? input.EventSourceArn },
      { action: 'events:StartReplay', resource: busArnOf(state, input.Destination.Arn, context) },
      { action: 'events:StartReplay', resource: replayArn(context, input.ReplayName) },
    ],
  ),
  DescribeReplay: authorization([{ action: 'events:DescribeReplay', resourceType: 'replay' }], (input, _state, context) => [
    { action: 'events:DescribeReplay', resource: replayArn(context, input.ReplayName) },
  ]),
} satisfies AuthorizationTable<EventBridgeState, typeof EVENTBRIDGE_OPERATIONS>;
