import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { subscribers } from '../../cdk/subscribers';
import { eventContracts, validateEventDetail } from '../../events/registry';
import { loadSampleEvents } from '../../events/sample-events';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../../events/user-created';
import { captureLogs } from '../../support/capture-logs';
import { lambdaContext, pipesUsersBatch } from '../../support/lambda-fixtures';
import { subscriberContractProblems } from '../../support/subscriber-contract';

/**
 * The checks that keep subscribers and event contracts in step before anything is deployed. A failure names the
 * subscriber and the field or sample; see docs/adding-a-subscriber.md.
 */
const samples = loadSampleEvents();

describe('every registry entry keeps to its event contract', () => {
  test.each(subscribers.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    expect(subscriberContractProblems(entry, { samples, contracts: eventContracts })).toEqual([]);
  });
});

describe('every sample conforms to its contract', () => {
  test.each(samples.map((sample) => [`${sample.file} entry ${sample.index}`, sample] as const))('%s', (_label, { event }) => {
    expect(validateEventDetail(event.source, event['detail-type'], event.detail)).toMatchObject({ ok: true });
  });
});

describe('the enrichment', () => {
  it('turns the recorded stream records into details that conform to the UserCreated contract', async () => {
    // The enrichment parks the batch's invalid records in the rejected-users queue, which is not under test here.
    process.env.REJECTED_USERS_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/rejected-users';
    process.env.AWS_REGION = 'us-east-1';
    mockClient(SQSClient).on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const { handler: enrichUser } = await import('../../services/enrich-user/handler');
    const logs = captureLogs();
    const details = await enrichUser(pipesUsersBatch(), lambdaContext).finally(() => logs.restore());

    expect(details.length).toBeGreaterThan(0);
    for (const detail of details) {
      expect(validateEventDetail(USER_CREATED_SOURCE, USER_CREATED_DETAIL_TYPE, detail)).toEqual({ ok: true, value: detail });
    }
  });
});
