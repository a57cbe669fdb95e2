import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { SubscriberEventPattern } from './subscriber-entry';

export interface SubscriberRuleProps {
  readonly ruleName: string;
  readonly description: string;
  readonly bus: events.IEventBus;
  readonly eventPattern: SubscriberEventPattern;
}

/** The rule that selects a subscriber's events on the bus. */
export class SubscriberRule extends events.Rule {
  constructor(scope: Construct, id: string, props: SubscriberRuleProps) {
    super(scope, id, {
      ruleName: props.ruleName,
      description: props.description,
      eventBus: props.bus,
      eventPattern: toCdkEventPattern(props.eventPattern),
    });
  }
}

/**
 * The CDK type declares pattern fields as `string[]`, but CDK renders them verbatim, so operator objects
 * (`prefix`, `suffix`, `anything-but`, ...) reach CloudFormation intact; only the key spelling differs.
 */
function toCdkEventPattern(pattern: SubscriberEventPattern): events.EventPattern {
  return {
    source: pattern.source as string[],
    detailType: pattern['detail-type'] as string[],
    ...(pattern.detail === undefined ? {} : { detail: pattern.detail }),
  };
}
