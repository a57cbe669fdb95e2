import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../cdk/build-app';
import { DEFAULT_SES_MAX_SEND_RATE } from '../../cdk/config';
import { subscribers as registry } from '../../cdk/subscribers';
import { SubscriberEntry } from '../../cdk/subscription/subscriber-entry';
import { CDK_CLI_CONTEXT } from '../../local/cli/synth';

const welcomeEmail = registry.find((entry) => entry.name === 'welcome-email')!;

/** The few properties read here, as the template holds them. */
interface Resource {
  Type: string;
  Properties: {
    FunctionName?: string | { Ref?: string };
    Timeout?: number;
    Environment?: { Variables?: Record<string, string> };
    ScalingConfig?: { MaximumConcurrency?: number };
    BatchSize?: number;
  };
}

interface EmailSenderSettings {
  maximumConcurrency: number;
  batchSize: number;
  timeoutSeconds: number;
  minSendIntervalMs: number;
}

/** The template's settings of every function that may send email, keyed by function name. */
function emailSenders(context: Record<string, unknown>, subscribers: readonly SubscriberEntry[] = [welcomeEmail]): Record<string, EmailSenderSettings> {
  // Bundling skipped: only the template's settings are read here, never the code.
  const { stack } = buildApp({ context: { ...CDK_CLI_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context }, subscribers });
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  const settings: Record<string, EmailSenderSettings> = {};
  for (const [logicalId, fn] of Object.entries(resources)) {
    const interval = fn.Type === 'AWS::Lambda::Function' ? fn.Properties.Environment?.Variables?.MIN_SEND_INTERVAL_MS : undefined;
    if (interval === undefined) continue;
    const mapping = Object.values(resources).find(
      (resource) => resource.Type === 'AWS::Lambda::EventSourceMapping' && (resource.Properties.FunctionName as { Ref?: string } | undefined)?.Ref === logicalId,
    );
    const name = fn.Properties.FunctionName as string;
    const maximumConcurrency = mapping?.Properties.ScalingConfig?.MaximumConcurrency;
    if (maximumConcurrency === undefined) throw new Error(`${name} sends email but no event source mapping caps its concurrency`);
    settings[name] = {
      maximumConcurrency,
      batchSize: mapping!.Properties.BatchSize!,
      timeoutSeconds: fn.Properties.Timeout!,
      minSendIntervalMs: Number(interval),
    };
  }
  return settings;
}

/** Each instance sends one email at a time, one interval apart at least: concurrency × (1 / interval). */
const maxSendRate = (settings: EmailSenderSettings): number => (settings.maximumConcurrency * 1000) / settings.minSendIntervalMs;

describe('sending within the stage\'s SES quota', () => {
  it(`keeps welcome-email at ${DEFAULT_SES_MAX_SEND_RATE} emails/s at most by default, a paced batch well within its timeout`, () => {
    const { 'users-fanout-dev-welcome-email': settings } = emailSenders({});

    expect(settings).toEqual({ maximumConcurrency: 2, batchSize: 10, timeoutSeconds: 10, minSendIntervalMs: 40 });
    expect(maxSendRate(settings)).toBeLessThanOrEqual(DEFAULT_SES_MAX_SEND_RATE);
    expect(settings.batchSize * settings.minSendIntervalMs).toBeLessThanOrEqual((settings.timeoutSeconds * 1000) / 2);
  });

  it('paces to the quota given as -c sesMaxSendRate, never above it', () => {
    for (const quota of [4, 7, 14, 33.3, 1000]) {
      const settings = emailSenders({ sesMaxSendRate: String(quota) })['users-fanout-dev-welcome-email'];
      expect(maxSendRate(settings)).toBeLessThanOrEqual(quota);
    }
  });

  it('shares the quota among the functions that send email', () => {
    const newsletter: SubscriberEntry = { ...welcomeEmail, name: 'newsletter', service: 'welcome-email' };

    const settings = Object.values(emailSenders({ sesMaxSendRate: '20' }, [welcomeEmail, newsletter]));

    expect(settings).toHaveLength(2);
    expect(settings.reduce((total, sender) => total + maxSendRate(sender), 0)).toBeLessThanOrEqual(20);
  });

  it('fails synthesis, naming the settings to change, when a paced batch would not fit the function timeout', () => {
    // The SES sandbox: 1 email/s over two instances is one send per 2 s, so ten take 20 s against a 10 s timeout.
    expect(() => emailSenders({ sesMaxSendRate: '1' })).toThrow(
      'Subscriber "welcome-email": at 1 emails/s shared by 2 instances, a batch of 10 sends takes 20000 ms, more than half its 10 s timeout: ' +
        'lower delivery.batchSize to 2 or raise delivery.timeout to 40 s',
    );
    const sandbox: SubscriberEntry = { ...welcomeEmail, delivery: { kind: 'queued', maxConcurrency: 2, batchSize: 2 } };
    expect(maxSendRate(emailSenders({ sesMaxSendRate: '1' }, [sandbox])['users-fanout-dev-welcome-email'])).toBeLessThanOrEqual(1);
  });

  it('refuses sendEmail on a direct subscriber, whose invocations nothing caps', () => {
    const direct: SubscriberEntry = { ...welcomeEmail, delivery: { kind: 'direct' } };

    expect(() => emailSenders({}, [direct])).toThrow(
      'Subscriber "welcome-email": sendEmail needs queued delivery, whose concurrency cap keeps sends within the SES quota',
    );
  });
});
