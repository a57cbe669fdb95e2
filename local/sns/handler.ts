import type { ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import { dispatch } from '../protocol/operations';
import { nestParameters, queryParameters, queryResponseXml, sendQueryError, sendXml } from '../protocol/query-protocol';
import type { HttpServiceHandler } from '../protocol/service';
import { SNS_AUTHORIZATION } from './authorization';
import { accessDenied, operationNotServed, SnsError } from './errors';
import { SNS_OPERATIONS } from './operations';
import { snsResultXml } from './query-serializer';
import type { SnsState } from './state';

export const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** SNS's query protocol (form-encoded `Action=Publish&...`, XML answers), chosen by the signing name `sns`. */
export function createHandler(state: SnsState): HttpServiceHandler {
  return {
    signingNames: ['sns'],
    pathPrefixes: [],
    async handle(request, body, response, context) {
      const requestId = requestIdOf(response);
      const parameters = queryParameters(request.url, body);
      const action = parameters.Action ?? '';
      try {
        if (action === '') throw new SnsError('MissingAction', 'The request must contain the parameter Action.');
        const output = await dispatch(
          { operations: SNS_OPERATIONS, authorization: SNS_AUTHORIZATION, state, unknownOperation: operationNotServed, accessDenied },
          action,
          nestParameters(parameters),
          context,
        );
        sendXml(response, 200, queryResponseXml(action, SNS_NAMESPACE, snsResultXml(output as Record<string, unknown>), requestId), requestId);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        sendQueryError(response, error, requestId, SNS_NAMESPACE);
      }
    },
  };
}

function requestIdOf(response: ServerResponse): string {
  const header = response.getHeader('x-amzn-RequestId');
  return typeof header === 'string' ? header : 'local';
}
