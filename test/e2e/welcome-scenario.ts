import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../support/local-defaults';
import { mailTo } from '../../support/observers/mail';
import { stackNames } from '../../support/stack-names';
import { userItem } from '../../support/users';
import { waitFor } from '../../support/waiting';

const names = stackNames();

/** What a run printed that says why a call was refused: local IAM's lines and the functions' AccessDenied errors. */
export function refusals(output: readonly string[]): string[] {
  return output.filter((line) => /iam: refused: |AccessDenied/.test(line));
}

/**
 * The end-to-end scenario of a new user: written to the users table as the local administrator, welcomed by email
 * through the stream, the pipe, the bus, the queue and the function. Fails when no email comes, or as soon as the run
 * prints a refusal, with that refusal, so a missing grant names itself.
 */
export async function expectWelcomeEmail(endpoint: string, output: readonly string[], userId: string, timeoutMs = 20_000): Promise<void> {
  const address = `${userId}@example.com`;
  const from = output.length;
  const dynamodb = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId, email: address }) }));
    await waitFor(
      `the welcome email to ${userId}`,
      async () => {
        if ((await mailTo(endpoint, address)).length > 0) return true;
        const [refusal] = refusals(output.slice(from));
        if (refusal !== undefined) throw new Error(`No welcome email to ${userId}: refused: ${refusal}`);
        return undefined;
      },
      { timeoutMs },
    );
  } finally {
    dynamodb.destroy();
  }
}
