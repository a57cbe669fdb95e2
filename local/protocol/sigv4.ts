import type { IncomingHttpHeaders } from 'node:http';

/** The region and service a request was signed for, from its SigV4 credential scope. */
export interface CredentialScope {
  region: string;
  service: string;
}

const AUTHORIZATION_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;
const PRESIGNED_SCOPE = /[?&]X-Amz-Credential=[^&%]+(?:%2F|\/)\d{8}(?:%2F|\/)([^&%/]+)(?:%2F|\/)([^&%/]+)(?:%2F|\/)aws4_request/i;

/** Reads the scope from the `Authorization` header, or from a presigned URL's `X-Amz-Credential`. Undefined when unsigned. */
export function credentialScope(headers: IncomingHttpHeaders, url: string | undefined): CredentialScope | undefined {
  const authorization = headers.authorization;
  const match =
    (authorization === undefined ? null : AUTHORIZATION_SCOPE.exec(authorization)) ??
    (url !== undefined && url.includes('X-Amz-Credential') ? PRESIGNED_SCOPE.exec(url) : null);
  return match ? { region: match[1], service: match[2] } : undefined;
}

/** The access key id and session token a request was signed with, from its headers or a presigned URL's query. */
export interface SigningCredentials {
  accessKeyId?: string;
  sessionToken?: string;
}

const AUTHORIZATION_KEY = /Credential=([^/,\s]+)\//;

export function signingCredentials(headers: IncomingHttpHeaders, url: string | undefined): SigningCredentials {
  const fromHeader = headers.authorization === undefined ? undefined : AUTHORIZATION_KEY.exec(headers.authorization)?.[1];
  const token = headers['x-amz-security-token'];
  if (fromHeader !== undefined) return { accessKeyId: fromHeader, ...(typeof token === 'string' ? { sessionToken: token } : {}) };
  if (url === undefined || !url.includes('X-Amz-Credential')) return {};
  const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  const credential = query.get('X-Amz-Credential');
  const queryToken = query.get('X-Amz-Security-Token');
  return {
    ...(credential ? { accessKeyId: credential.split('/')[0] } : {}),
    ...(queryToken ? { sessionToken: queryToken } : {}),
  };
}
