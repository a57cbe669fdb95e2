export { createLambdaRuntime, LambdaRuntime, LambdaRuntimeOptions } from './lambda-runtime';
export { LambdaFaults } from './fault-injector';
export { LogSink, consoleLogSink } from './log-sink';
export { DestinationRecord } from './destination-record';
export { SqsEventRecord } from './sqs-event-source';
