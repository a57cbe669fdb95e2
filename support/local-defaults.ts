/**
 * The local runtime's region, and placeholder credentials it accepts (it checks no signature) as the local account's
 * administrator (a key or bus policy may still refuse it, as in AWS). AWS itself uses the SDK's chain.
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
