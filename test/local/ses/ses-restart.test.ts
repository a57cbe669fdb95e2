import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { planFaults, type SesFaults } from '../../../local/faults';
import { startEndpoint } from '../../../local/server';
import type * as LocalSesModule from '../../../local/ses';
import type * as LocalSesPackage from '../../../local/ses/package';
import { openStateStore } from '../../../local/storage/state-store';
import { ACCOUNT, REGION, TEST_CREDENTIALS, temporaryDirectory } from '../../../support/local-fixtures';

/** A fresh copy of the local SES and of aws-ses-v2-local's per-process store, as after a process restart. */
function freshSesModule(): typeof LocalSesModule {
  let loaded: typeof LocalSesModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<typeof LocalSesModule>('../../../local/ses');
    // The package loads at SES's first use, which comes after this block: loaded here, it is the fresh one.
    jest.requireActual<typeof LocalSesPackage>('../../../local/ses/package').sesPackage();
  });
  return loaded as typeof LocalSesModule;
}

async function runSes(directory: string, work: (url: string) => Promise<void>, faults?: SesFaults): Promise<void> {
  const store = openStateStore(directory);
  const endpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
  const ses = await freshSesModule().createSes({ region: REGION, store, faults: planFaults({ ses: faults }) });
  endpoint.mount(ses.handler);
  try {
    await work(endpoint.url);
  } finally {
    await ses.close();
    await endpoint.close();
    store.close();
  }
}

async function subjects(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/_aws/ses`)).json()) as { messages: { Subject: string }[] };
  return body.messages.map((message) => message.Subject);
}

describe('SES captured mail across restarts', () => {
  it('keeps captured mail in the state directory, and DELETE clears it for good', async () => {
    const directory = temporaryDirectory('ses-restart-');
    const send = async (url: string, subject: string) => {
      const client = new SESClient({ endpoint: url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      await client.send(
        new SendEmailCommand({ Source: 'welcome@example.com', Destination: { ToAddresses: ['a@example.com'] }, Message: { Subject: { Data: subject }, Body: { Text: { Data: 'b' } } } }),
      );
      client.destroy();
    };

    await runSes(directory, async (url) => send(url, 'Before restart'));
    await runSes(directory, async (url) => {
      expect(await subjects(url)).toEqual(['Before restart']);
      await send(url, 'After restart');
      expect(await subjects(url)).toEqual(['Before restart', 'After restart']);
      await fetch(`${url}/_aws/ses`, { method: 'DELETE' });
    });
    await runSes(directory, async (url) => expect(await subjects(url)).toEqual([]));
  });

  it('starts throttled when the fault says so', async () => {
    await runSes(
      temporaryDirectory('ses-throttled-'),
      async (url) => {
        const client = new SESClient({ endpoint: url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
        await expect(
          client.send(new SendEmailCommand({ Source: 'w@example.com', Destination: { ToAddresses: ['a@example.com'] }, Message: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } })),
        ).rejects.toMatchObject({ name: 'Throttling' });
        client.destroy();
      },
      { throttleUntil: Date.now() + 60_000 },
    );
  });
});
