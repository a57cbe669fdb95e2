export { createPipesRunner, PipesRunner, PipesRunnerOptions } from './pipes-runner';
export { StreamDeadLetterRecord } from './dead-letter-record';
export type { RetryBackoff } from '../stream-consumer';
export { applyInputTemplate } from './input-template';
export { pipeTargetArn } from './target-arn';
