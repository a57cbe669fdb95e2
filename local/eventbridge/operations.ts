import { operation, type OperationTable } from '../protocol/operations';
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
import type { EventBridgeState } from './state';
import { validateDescribeArchive } from './validations/describe-archive';
import { validateDescribeEventBus } from './validations/describe-event-bus';
import { validateDescribeReplay } from './validations/describe-replay';
import { validateDescribeRule } from './validations/describe-rule';
import { validateListArchives } from './validations/list-archives';
import { validateListEventBuses } from './validations/list-event-buses';
import { validateListRules } from './validations/list-rules';
import { validateListTargetsByRule } from './validations/list-targets-by-rule';
import { validatePutEvents } from './validations/put-events';
import { validateStartReplay } from './validations/start-replay';
import { validateTestEventPattern } from './validations/test-event-pattern';

/**
 * The EventBridge operations the local runtime answers. Buses, rules and targets come from the template, so the
 * calls that would change them (PutRule, PutTargets, CreateEventBus...) are absent rather than half-applied.
 */
export const EVENTBRIDGE_OPERATIONS = {
  PutEvents: operation(validatePutEvents, putEvents),
  TestEventPattern: operation(validateTestEventPattern, testEventPattern),
  ListEventBuses: operation(validateListEventBuses, listEventBuses),
  DescribeEventBus: operation(validateDescribeEventBus, describeEventBus),
  ListRules: operation(validateListRules, listRules),
  DescribeRule: operation(validateDescribeRule, describeRule),
  ListTargetsByRule: operation(validateListTargetsByRule, listTargetsByRule),
  ListArchives: operation(validateListArchives, listArchives),
  DescribeArchive: operation(validateDescribeArchive, describeArchive),
  StartReplay: operation(validateStartReplay, startReplay),
  DescribeReplay: operation(validateDescribeReplay, describeReplay),
} satisfies OperationTable<EventBridgeState>;
