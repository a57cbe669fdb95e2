import { ApiDestinationModel, ConnectionAuthorizationModel, ConnectionModel, HttpParametersModel } from '../../model/types';
import { isLoopbackUrl } from '../../network/loopback';
import { TemplateError } from '../cfn-types';
import { resolveSecret } from '../dynamic-references';
import { PropertyReader } from '../properties';
import { BuildContext, ResolvedResource } from './build-context';

/** AWS's default, and highest, invocation rate of an API destination. */
export const MAX_INVOCATION_RATE_PER_SECOND = 300;
const HTTP_METHODS = ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];

/** AWS::Events::Connection: the credentials and parameters every request through it carries. */
export function buildConnection({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): ConnectionModel {
  const where = `${logicalId} (AWS::Events::Connection)`;
  for (const property of ['InvocationConnectivityParameters', 'KmsKeyIdentifier']) {
    if (properties.has(property)) context.warn(`${where}: ${property} is not applied locally`);
  }
  const secret = (reader: PropertyReader, name: string): string | undefined => {
    const resolved = resolveSecret(reader.string(name), context.secrets);
    if ('value' in resolved) return resolved.value;
    context.warn(
      `${where}: ${name} is a Secrets Manager reference to ${resolved.unresolved}, which the local runtime cannot read; ` +
        `give it with npm start -- --secret ${resolved.unresolved}=<value>. Until then, deliveries through this connection fail`,
    );
    return undefined;
  };
  const auth = properties.child('AuthParameters');
  const type = properties.string('AuthorizationType');
  let authorization: ConnectionAuthorizationModel;
  if (type === 'API_KEY') {
    const apiKey = auth.child('ApiKeyAuthParameters');
    authorization = { type, apiKeyName: apiKey.string('ApiKeyName'), apiKeyValue: secret(apiKey, 'ApiKeyValue') };
  } else if (type === 'BASIC') {
    const basic = auth.child('BasicAuthParameters');
    authorization = { type, username: basic.string('Username'), password: secret(basic, 'Password') };
  } else if (type === 'OAUTH_CLIENT_CREDENTIALS') {
    const oauth = auth.child('OAuthParameters');
    const client = oauth.child('ClientParameters');
    const httpMethod = oauth.string('HttpMethod');
    if (httpMethod !== 'GET' && httpMethod !== 'POST' && httpMethod !== 'PUT') throw new TemplateError(`${where}: OAuthParameters.HttpMethod must be GET, POST or PUT, got ${httpMethod}`);
    const authorizationEndpoint = oauth.string('AuthorizationEndpoint');
    warnUnlessLoopback(where, 'OAuthParameters.AuthorizationEndpoint', authorizationEndpoint, context);
    authorization = {
      type,
      authorizationEndpoint,
      httpMethod,
      clientId: client.string('ClientID'),
      clientSecret: secret(client, 'ClientSecret'),
      oauthParameters: httpParameters(where, oauth.child('OAuthHttpParameters'), context),
    };
  } else {
    throw new TemplateError(`${where}: AuthorizationType must be API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS, got ${type}`);
  }
  return {
    logicalId,
    name: identity.ref,
    arn: identity.attributes.Arn,
    authorization,
    invocationParameters: httpParameters(where, auth.child('InvocationHttpParameters'), context),
  };
}

/** AWS::Events::ApiDestination: where requests go, by which method, how fast. */
export function buildApiDestination(
  { logicalId, identity, properties }: ResolvedResource,
  connections: ConnectionModel[],
  context: BuildContext,
): ApiDestinationModel | undefined {
  const where = `${logicalId} (AWS::Events::ApiDestination)`;
  const connectionArn = properties.string('ConnectionArn');
  if (!connections.some((connection) => connection.arn === connectionArn)) {
    context.warn(`${where}: connection ${connectionArn} is not in the template, so the local runtime cannot authorize its requests; not run locally`);
    return undefined;
  }
  const httpMethod = properties.string('HttpMethod');
  if (!HTTP_METHODS.includes(httpMethod)) throw new TemplateError(`${where}: HttpMethod must be one of ${HTTP_METHODS.join(', ')}, got ${httpMethod}`);
  const endpoint = properties.string('InvocationEndpoint');
  warnUnlessLoopback(where, 'InvocationEndpoint', endpoint, context);
  const rate = properties.number('InvocationRateLimitPerSecond', MAX_INVOCATION_RATE_PER_SECOND);
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_INVOCATION_RATE_PER_SECOND) {
    throw new TemplateError(`${where}: InvocationRateLimitPerSecond must be a whole number from 1 to ${MAX_INVOCATION_RATE_PER_SECOND}, got ${rate}`);
  }
  return { logicalId, name: identity.ref, arn: identity.attributes.Arn, connectionArn, endpoint, httpMethod, invocationRateLimitPerSecond: rate };
}

/**
 * Nothing the runtime runs may reach the network: a non-loopback URL is loaded, named here, and every call to it
 * fails. A loopback URL may use http, which AWS itself would refuse.
 */
function warnUnlessLoopback(where: string, property: string, url: string, context: BuildContext): void {
  if (!/^https?:\/\//.test(url)) throw new TemplateError(`${where}: ${property} must be an https URL, got ${url}`);
  if (!isLoopbackUrl(url)) {
    context.warn(
      `${where}: ${property} ${url} is not on this machine; the local runtime calls only loopback URLs, so requests to it fail. ` +
        'Point it at http://127.0.0.1:<port>/... (a CDK context value, say) to try it locally',
    );
  } else if (url.startsWith('http://')) {
    context.warn(`${where}: ${property} ${url} uses http, which the local runtime allows for loopback URLs only; AWS requires https`);
  }
}

function httpParameters(where: string, reader: PropertyReader, context: BuildContext): HttpParametersModel {
  const pairs = (name: string) =>
    reader.list(name).map((parameter) => {
      const resolved = resolveSecret(parameter.string('Value'), context.secrets);
      if ('unresolved' in resolved) {
        context.warn(`${where}: ${name} ${parameter.string('Key')} is a reference to ${resolved.unresolved}, which the local runtime cannot read; give it with npm start -- --secret ${resolved.unresolved}=<value>`);
      }
      return { key: parameter.string('Key'), value: 'value' in resolved ? resolved.value : '' };
    });
  return { headers: pairs('HeaderParameters'), queryString: pairs('QueryStringParameters'), body: pairs('BodyParameters') };
}
