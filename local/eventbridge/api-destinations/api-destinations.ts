import type { Clock } from '../../clock';
import { parseEventPath } from '../../input-transformer';
import type { ApiDestinationModel, ConnectionModel, RuleTargetModel } from '../../model/types';
import { isLoopbackUrl } from '../../network/loopback';
import type { EventEnvelope } from '../types';
import { ApiDestinationFailure } from './failure';
import { httpCall, HttpTimeoutError, type HttpResponse } from './http-call';
import { missingSecret, notLoopback, OAuthTokens, withQuery } from './oauth-tokens';

export interface ApiDestinationsOptions {
  apiDestinations: ApiDestinationModel[];
  connections: ConnectionModel[];
  /** Rate limits and token expiry run on it. */
  clock: Clock;
}

/** The headers EventBridge sends with every API destination request, besides the connection's and the target's. */
const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': 'Amazon/EventBridge/ApiDestinations',
  'Content-Type': 'application/json; charset=utf-8',
  Range: 'bytes=0-1048575',
  'Accept-Encoding': 'gzip,deflate',
  Connection: 'close',
};

/**
 * The template's API destinations: each call is an HTTP request to a loopback URL with the connection's
 * authorization and parameters and the target's HttpParameters, paced by the destination's invocation rate.
 */
export class ApiDestinations {
  private readonly destinations: Map<string, ApiDestinationModel>;
  private readonly connections: Map<string, ConnectionModel>;
  /** Epoch ms from which each destination may be called again. */
  private readonly nextSlot = new Map<string, number>();
  private readonly tokens: OAuthTokens;

  constructor(private readonly options: ApiDestinationsOptions) {
    this.destinations = new Map(options.apiDestinations.map((destination) => [destination.arn, destination]));
    this.connections = new Map(options.connections.map((connection) => [connection.arn, connection]));
    this.tokens = new OAuthTokens(options.clock);
  }

  /**
   * How long a call to the destination must wait to keep within its InvocationRateLimitPerSecond; 0 means the
   * call may go now, and its slot is taken. Events over the rate wait, as in EventBridge; they are not failed.
   */
  waitForSlot(destinationArn: string): number {
    const destination = this.destinations.get(destinationArn);
    if (!destination) return 0;
    const now = this.options.clock.now();
    const next = this.nextSlot.get(destinationArn) ?? now;
    if (next > now) return next - now;
    this.nextSlot.set(destinationArn, now + 1000 / destination.invocationRateLimitPerSecond);
    return 0;
  }

  /** Sends `body` to the target's destination; throws ApiDestinationFailure when the call did not succeed. */
  async invoke(target: RuleTargetModel, body: string, event: EventEnvelope): Promise<void> {
    const destination = this.destinations.get(target.arn);
    if (!destination) throw new ApiDestinationFailure('RESOURCE_NOT_FOUND', `API destination ${target.arn} is not in the template`, false);
    const connection = this.connections.get(destination.connectionArn) as ConnectionModel;
    const parameters = target.httpParameters ?? { headers: {}, pathParameterValues: [], queryString: {} };
    let wildcard = 0;
    const endpoint = destination.endpoint.replace(/\*/g, () => dynamicValue(parameters.pathParameterValues[wildcard++] ?? '', event));
    const url = withQuery(endpoint, connection.invocationParameters, mapValues(parameters.queryString, event));
    if (!isLoopbackUrl(url)) throw notLoopback(connection, url);
    const headers: Record<string, string> = {
      ...DEFAULT_HEADERS,
      ...Object.fromEntries(connection.invocationParameters.headers.map(({ key, value }) => [key, value])),
      ...mapValues(parameters.headers, event),
      ...(await this.authorization(connection)),
    };
    const withBody = destination.httpMethod !== 'GET' && destination.httpMethod !== 'HEAD';
    let response: HttpResponse;
    try {
      response = await httpCall({ url, method: destination.httpMethod, headers, ...(withBody ? { body: withBodyParameters(body, connection) } : {}) });
    } catch (error) {
      const reason = error instanceof HttpTimeoutError ? error.message : `the request failed: ${(error as Error).message}`;
      throw new ApiDestinationFailure('SDK_CLIENT_ERROR', `Unable to invoke ApiDestination endpoint ${url}: ${reason}`, true);
    }
    this.check(response, url, connection);
  }

  private check(response: HttpResponse, url: string, connection: ConnectionModel): void {
    const { status } = response;
    if (status >= 200 && status < 300) return;
    const message = `Unable to invoke ApiDestination endpoint ${url}: it answered ${status}`;
    const retryAfterMs = retryAfter(response.headers['retry-after']);
    if (status === 429) throw new ApiDestinationFailure('THROTTLING', message, true, retryAfterMs);
    if (status >= 500) throw new ApiDestinationFailure('SDK_CLIENT_ERROR', message, true, retryAfterMs);
    if ((status === 401 || status === 407) && connection.authorization.type === 'OAUTH_CLIENT_CREDENTIALS') {
      this.tokens.invalidate(connection.arn);
      throw new ApiDestinationFailure('SDK_CLIENT_ERROR', `${message}; the OAuth token is refreshed for the next try`, true);
    }
    throw new ApiDestinationFailure('SDK_CLIENT_ERROR', message, false);
  }

  private async authorization(connection: ConnectionModel): Promise<Record<string, string>> {
    const auth = connection.authorization;
    if (auth.type === 'API_KEY') {
      if (auth.apiKeyValue === undefined) throw missingSecret(connection, 'ApiKeyValue');
      return { [auth.apiKeyName]: auth.apiKeyValue };
    }
    if (auth.type === 'BASIC') {
      if (auth.password === undefined) throw missingSecret(connection, 'Password');
      return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
    }
    return { Authorization: `Bearer ${await this.tokens.accessToken(connection, auth)}` };
  }
}

/** A header, query or path value: text as written, or the event value a `$.` path selects. */
function dynamicValue(value: string, event: EventEnvelope): string {
  if (!value.startsWith('$.')) return value;
  const selected = parseEventPath(value).select(event);
  if (selected === undefined || selected === null) return '';
  return typeof selected === 'string' ? selected : JSON.stringify(selected);
}

function mapValues(values: Record<string, string>, event: EventEnvelope): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, dynamicValue(value, event)]));
}

/** The connection's body parameters join a JSON object body; any other body goes as it is. */
function withBodyParameters(body: string, connection: ConnectionModel): string {
  const extra = connection.invocationParameters.body;
  if (extra.length === 0) return body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
    return JSON.stringify({ ...parsed, ...Object.fromEntries(extra.map(({ key, value }) => [key, value])) });
  } catch {
    return body;
  }
}

/** Retry-After in seconds or as an HTTP date, in ms; negative values are kept, since they end the retries. */
function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^-?\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date - Date.now() : undefined;
}
