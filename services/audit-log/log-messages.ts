/** A log message the reliability proofs count in the runtime's output, to see that redeliveries arrived and were ignored. */
export const REDELIVERY_IGNORED = 'Audit record already written; redelivery ignored';
