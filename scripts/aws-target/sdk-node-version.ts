/** The Node.js major that AWS SDK for JavaScript v3 releases published after the first week of January 2027 require. */
const SDK_MINIMUM_NODE_MAJOR = 22;

/**
 * On an older Node.js, the SDK prints an 8-line warning the first time a command creates a client. This replaces
 * it with one line saying what it means here, once per command; the functions themselves never run on this host's
 * Node.js in AWS. Call it before the command creates any client. Someone who silenced the warning hears nothing.
 */
export function noteSdkNodeVersion(env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = (line) => console.error(line)): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= SDK_MINIMUM_NODE_MAJOR || env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === 'true') return;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  print(
    `note: Node.js ${process.version} runs these tools fine until AWS SDK releases from January 2027, which need Node.js ` +
      `${SDK_MINIMUM_NODE_MAJOR}+ (the functions themselves run on nodejs24.x in AWS)`,
  );
}
