import type { Clock } from '../../clock';
import type { ConnectionModel, HttpParametersModel } from '../../model/types';
import { isLoopbackUrl } from '../../network/loopback';
import { ApiDestinationFailure } from './failure';
import { httpCall } from './http-call';

type OAuthAuthorization = Extract<ConnectionModel['authorization'], { type: 'OAUTH_CLIENT_CREDENTIALS' }>;

/** EventBridge refreshes a token that expires within this window before it uses it. */
const REFRESH_BEFORE_EXPIRY_MS = 60_000;

interface Token {
  accessToken: string;
  /** Epoch ms; undefined when the endpoint gave no expires_in. */
  expiresAt?: number;
}

/**
 * OAuth client-credentials tokens of each connection: fetched from the authorization endpoint with the client id
 * and secret as HTTP basic credentials and the connection's OAuth parameters, kept until a minute before they
 * expire, and dropped when an API destination answers 401 or 407, so the retry gets a fresh one.
 */
export class OAuthTokens {
  private readonly tokens = new Map<string, Token>();

  constructor(private readonly clock: Clock) {}

  async accessToken(connection: ConnectionModel, oauth: OAuthAuthorization): Promise<string> {
    const cached = this.tokens.get(connection.arn);
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - this.clock.now() > REFRESH_BEFORE_EXPIRY_MS)) return cached.accessToken;
    const token = await this.fetchToken(connection, oauth);
    this.tokens.set(connection.arn, token);
    return token.accessToken;
  }

  invalidate(connectionArn: string): void {
    this.tokens.delete(connectionArn);
  }

  private async fetchToken(connection: ConnectionModel, oauth: OAuthAuthorization): Promise<Token> {
    if (oauth.clientSecret === undefined) throw missingSecret(connection, 'ClientSecret');
    const url = withQuery(oauth.authorizationEndpoint, oauth.oauthParameters);
    if (!isLoopbackUrl(url)) throw notLoopback(connection, url);
    const form = new URLSearchParams(oauth.oauthParameters.body.map(({ key, value }): [string, string] => [key, value])).toString();
    let response;
    try {
      response = await httpCall({
        url,
        method: oauth.httpMethod,
        headers: {
          Authorization: `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`,
          ...Object.fromEntries(oauth.oauthParameters.headers.map(({ key, value }) => [key, value])),
          ...(oauth.httpMethod === 'GET' ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
        },
        ...(oauth.httpMethod === 'GET' ? {} : { body: form }),
      });
    } catch (error) {
      throw new ApiDestinationFailure('SDK_CLIENT_ERROR', `The OAuth token request of connection ${connection.name} failed: ${(error as Error).message}`, true);
    }
    const token = parseToken(response.body);
    if (response.status < 200 || response.status >= 300 || token === undefined) {
      throw new ApiDestinationFailure(
        'SDK_CLIENT_ERROR',
        `The OAuth authorization endpoint of connection ${connection.name} answered ${response.status} without an access_token`,
        true,
      );
    }
    return token.expiresIn === undefined ? { accessToken: token.accessToken } : { accessToken: token.accessToken, expiresAt: this.clock.now() + token.expiresIn * 1000 };
  }
}

function parseToken(body: string): { accessToken: string; expiresIn?: number } | undefined {
  try {
    const parsed = JSON.parse(body) as { access_token?: unknown; expires_in?: unknown };
    if (typeof parsed.access_token !== 'string') return undefined;
    const expiresIn = Number(parsed.expires_in);
    return Number.isFinite(expiresIn) ? { accessToken: parsed.access_token, expiresIn } : { accessToken: parsed.access_token };
  } catch {
    return undefined;
  }
}

/** A URL with the parameters' query string added to whatever query it has. */
export function withQuery(url: string, parameters: Pick<HttpParametersModel, 'queryString'>, extra: Record<string, string> = {}): string {
  const target = new URL(url);
  for (const { key, value } of parameters.queryString) target.searchParams.append(key, value);
  for (const [key, value] of Object.entries(extra)) target.searchParams.append(key, value);
  return target.toString();
}

export function missingSecret(connection: ConnectionModel, property: string): ApiDestinationFailure {
  return new ApiDestinationFailure(
    'SDK_CLIENT_ERROR',
    `Connection ${connection.name} has no ${property} locally: its Secrets Manager reference was not given to npm start (--secret <id>=<value>)`,
    false,
  );
}

export function notLoopback(connection: ConnectionModel, url: string): ApiDestinationFailure {
  return new ApiDestinationFailure(
    'SDK_CLIENT_ERROR',
    `Refused to call ${url} for connection ${connection.name}: the local runtime calls only loopback URLs, and nothing leaves this machine`,
    false,
  );
}
