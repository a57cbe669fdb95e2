import type { ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import { dispatch } from '../protocol/operations';
import { queryParameters, queryResponseXml, sendQueryError, sendXml } from '../protocol/query-protocol';
import type { HttpServiceHandler } from '../protocol/service';
import { SQS_AUTHORIZATION } from './authorization';
import { accessDenied, invalidAction, SqsError } from './errors';
import { SQS_OPERATIONS } from './operations';
import { queryInput } from './query-input';
import { sqsResultXml } from './query-output';
import type { SqsState } from './state';

export const SQS_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** Actions whose response has no Result element. */
const WITHOUT_RESULT = new Set(['DeleteMessage', 'ChangeMessageVisibility', 'PurgeQueue']);

/**
 * SQS's query protocol: form-encoded `Action=SendMessage&...` (or a GET query string), signed for `sqs` or
 * posted to a queue URL, answered in XML. What the AWS SDK for JavaScript v2, the Java SDK v1 and AWS CLI
 * releases before late 2023 speak. It serves the JSON protocol's operations table, so both protocols run the
 * same validations and actions.
 */
export function createQueryHandler(state: SqsState, account: string): HttpServiceHandler {
  return {
    signingNames: ['sqs'],
    pathPrefixes: [`/${account}`],
    async handle(request, body, response, context) {
      const requestId = requestIdOf(response);
      const parameters = queryParameters(request.url, body);
      const action = parameters.Action ?? '';
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      const queueUrl = path.startsWith(`/${account}/`) ? `${context.endpoint}${path}` : undefined;
      try {
        if (action === '') throw new SqsError('MissingAction', 'The request must contain the parameter Action.');
        const output = (await dispatch(
          { operations: SQS_OPERATIONS, authorization: SQS_AUTHORIZATION, state, unknownOperation: invalidAction, accessDenied },
          action,
          queryInput(parameters, queueUrl),
          context,
        )) as Record<string, unknown>;
        const result = WITHOUT_RESULT.has(action) ? undefined : sqsResultXml(action, output);
        sendXml(response, 200, queryResponseXml(action, SQS_NAMESPACE, result, requestId), requestId);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        sendQueryError(response, error, requestId, SQS_NAMESPACE, queryCode(error));
      }
    },
  };
}

/** The legacy code query clients expect, which JSON errors carry in their x-amzn-query-error header. */
function queryCode(error: AwsError): string {
  return error.headers['x-amzn-query-error']?.split(';')[0] ?? error.code;
}

function requestIdOf(response: ServerResponse): string {
  const header = response.getHeader('x-amzn-RequestId');
  return typeof header === 'string' ? header : 'local';
}
