/** Every MacAlgorithm KMS names, in the order AWS lists them in its enum error. */
export const MAC_ALGORITHMS = ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'] as const;

export type MacAlgorithm = (typeof MAC_ALGORITHMS)[number];
