/** KMS limits: key identifiers up to 2048 characters, MAC messages up to 4096 bytes, MACs up to 6144 bytes. */
export const MAX_KEY_ID_LENGTH = 2048;
export const MAX_MESSAGE_BYTES = 4096;
export const MAX_MAC_BYTES = 6144;
