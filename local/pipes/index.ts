export { createPipesRunner, PipesRunner, PipesRunnerOptions } from './pipes-runner';
export { StreamDeadLetterRecord } from './dead-letter-record';
export { RetryBackoff } from './retrying-delivery';
export { applyInputTemplate } from './input-template';
export { pipeTargetArn } from './target-arn';
