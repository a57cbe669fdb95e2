import { systemClock, type Clock } from '../clock';
import { consoleLogSink, type LogSink } from '../log-sink';
import type { LambdaPort, SnsPort, SqsPort } from '../model/ports';
import type { SnsSubscriptionModel, TopicModel } from '../model/types';
import { CALLERS_WITHOUT_IAM, type CallerFactory } from '../protocol/authorization';
import type { HttpServiceHandler } from '../protocol/service';
import { NO_TRACING, type Tracer } from '../trace';
import { createHandler } from './handler';
import { snsPort } from './port';
import { Publisher } from './publisher';

export { SNS_OPERATIONS } from './operations';
export type { SnsState } from './state';

export interface CreateSnsOptions {
  topics: TopicModel[];
  subscriptions: SnsSubscriptionModel[];
  sqs: SqsPort;
  lambda: LambdaPort;
  region: string;
  account: string;
  /** Message timestamps; the real clock by default. */
  clock?: Clock;
  /** Where undeliverable messages are reported. */
  logSink?: LogSink;
  /** Each published message, and each subscription a filter policy leaves out, is a hop. */
  tracer?: Tracer;
  /** Who SNS delivers as (local IAM); without it nothing is checked. */
  callers?: CallerFactory;
}

export interface LocalSns {
  port: SnsPort;
  handler: HttpServiceHandler;
}

/** The template's topics and their SQS and Lambda subscriptions, with filter policies and raw message delivery. */
export function createSns(options: CreateSnsOptions): LocalSns {
  const topics = new Map(options.topics.map((topic) => [topic.arn, topic]));
  const publisher = new Publisher({
    topics,
    subscriptions: options.subscriptions,
    sqs: options.sqs,
    lambda: options.lambda,
    region: options.region,
    clock: options.clock ?? systemClock,
    log: options.logSink ?? consoleLogSink,
    tracer: options.tracer ?? NO_TRACING,
    callers: options.callers ?? CALLERS_WITHOUT_IAM,
  });
  return {
    port: snsPort(publisher),
    handler: createHandler({ topics, subscriptions: options.subscriptions, publisher, account: options.account }),
  };
}
