import { App, AppProps, Validations } from 'aws-cdk-lib';
import { QuietAwsSolutionsChecks } from './quiet-nag-checks';
import { readAppConfig } from './config';
import { SubscriberEntry } from './subscription/subscriber-entry';
import { UsersFanoutStack } from './users-fanout-stack';

export interface BuildAppOptions extends AppProps {
  /** @default the registry in `cdk/subscribers.ts` */
  readonly subscribers?: readonly SubscriberEntry[];
}

export interface UsersFanoutApp {
  readonly app: App;
  readonly stack: UsersFanoutStack;
}

/**
 * Builds the whole app from its context: one `UsersFanout-<stage>` stack, checked by the cdk-nag
 * AwsSolutions pack, whose unacknowledged findings fail synthesis.
 */
export function buildApp(options: BuildAppOptions = {}): UsersFanoutApp {
  const { subscribers, ...appProps } = options;
  const app = new App(appProps);
  const config = readAppConfig((key) => app.node.tryGetContext(key));
  const stack = new UsersFanoutStack(app, `UsersFanout-${config.stage}`, {
    config,
    subscribers,
    description: `users-fanout (${config.stage}): new users fanned out to subscribers through a DynamoDB stream, a pipe and a bus`,
  });
  Validations.of(app).addPlugins(new QuietAwsSolutionsChecks(app));
  return { app, stack };
}
