/**
 * A broken business rule. `code` is stable for API callers; `message` is Simplified Chinese because
 * chat users read it as it is.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'RuleViolation'
  }
}
