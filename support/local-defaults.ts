/** The local runtime's region, and credentials it accepts: it checks no signature. AWS itself uses the SDK's chain. */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
