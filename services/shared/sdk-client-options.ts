/**
 * Built into every AWS SDK client the services create. `cacheMiddleware`: a client resolves its middleware stack
 * once per command type and reuses it, where by default it clones, sorts and wraps the whole stack again on every
 * send. Safe because no service adds middleware to a single command. The document client refuses the option, so
 * the services marshal items themselves (`@aws-sdk/util-dynamodb`).
 *
 * Measured by `npm run bench`: the functions' CPU per user fell from 6.63 to 5.47 ms (-17%), in Lambda as locally.
 */
export const SDK_CLIENT_OPTIONS = { cacheMiddleware: true } as const;
