import { AwsError } from '../protocol/aws-error';
import type { JsonServiceHandler } from '../protocol/service';
import { describeArchive } from './actions/describe-archive';
import { describeEventBus } from './actions/describe-event-bus';
import { describeReplay } from './actions/describe-replay';
import { describeRule } from './actions/describe-rule';
import { listArchives } from './actions/list-archives';
import { listEventBuses } from './actions/list-event-buses';
import { listRules } from './actions/list-rules';
import { listTargetsByRule } from './actions/list-targets-by-rule';
import { putEvents } from './actions/put-events';
import { startReplay } from './actions/start-replay';
import { testEventPattern } from './actions/test-event-pattern';
import type { EventBridgeService, Input } from './service';

type Action = (service: EventBridgeService, input: Input) => unknown;

const ACTIONS: Record<string, Action> = {
  PutEvents: putEvents,
  TestEventPattern: testEventPattern,
  ListEventBuses: listEventBuses,
  DescribeEventBus: describeEventBus,
  ListRules: listRules,
  DescribeRule: describeRule,
  ListTargetsByRule: listTargetsByRule,
  ListArchives: listArchives,
  DescribeArchive: describeArchive,
  StartReplay: startReplay,
  DescribeReplay: describeReplay,
};

/**
 * The AWSEvents JSON protocol. Buses, rules and targets come from the template, so the calls that would change
 * them (PutRule, PutTargets, CreateEventBus...) are answered as unknown operations rather than half-applied.
 */
export function eventBridgeJsonHandler(service: EventBridgeService): JsonServiceHandler {
  return {
    targetPrefixes: ['AWSEvents'],
    handle(operation, input) {
      const action = Object.hasOwn(ACTIONS, operation) ? ACTIONS[operation] : undefined;
      if (!action) {
        throw new AwsError('UnknownOperationException', `Operation ${operation} is not served: buses, rules and targets come from the template`);
      }
      return action(service, input ?? {});
    },
  };
}
