/** A problem the operator can act on (bad arguments, an unknown name, a template without the stack): printed without a stack trace. */
export class DlqError extends Error {}
