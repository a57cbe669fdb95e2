/**
 * Log messages other programs look for: the reliability proofs count the suppressed duplicates and the retried
 * sends in the runtime's output. Matching on these constants keeps them in step with the function.
 */
export const DUPLICATE_SUPPRESSED = 'Duplicate delivery suppressed; welcome email already handled';
export const SEND_WILL_BE_RETRIED = 'Welcome email failed; the message will be retried';
