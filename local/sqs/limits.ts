/** SQS's quotas, which requests are checked against and GetQueueAttributes reports. */
export const MAX_MESSAGE_BYTES = 262_144;
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;
export const MAX_DELAY_SECONDS = 900;
export const MAX_WAIT_TIME_SECONDS = 20;
export const MAX_BATCH_ENTRIES = 10;
