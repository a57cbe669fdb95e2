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
