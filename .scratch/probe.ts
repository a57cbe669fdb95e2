import { startLocalStack, userItem, USERS_TABLE, waitFor, mailTo } from '../test/e2e/local-stack';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
(async () => {
  const stack = await startLocalStack();
  await stack.dynamodb.send(new PutItemCommand({ TableName: USERS_TABLE, Item: userItem('p-1', 'p-1@example.com') }));
  try { await waitFor('mail', async () => ((await mailTo(stack.endpoint, 'p-1@example.com')).length > 0 ? true : undefined), 15000); } catch (e) { console.log(String(e)); }
  await new Promise((r) => setTimeout(r, 2000));
  console.log('denials', stack.runtime.iam.denials());
  for (const u of stack.runtime.iam.usage().filter((u) => /kms|events:Put|ses:/.test(u.action))) console.log(u.principal.split('/').slice(-2).join('/'), u.action, u.resource.split(':').slice(5).join(':'), u.allowed, u.denied);
  console.log(stack.logs.filter((l) => /iam|warning|not|refused|CREATE/.test(l)).slice(0, 30));
  console.log(stack.runtime.model.warnings);
  await stack.stop();
})();
