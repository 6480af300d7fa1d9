/**
 * Log levels by HTTP status: a refusal a client earned (status 400-499) is an answer, not a fault
 * of ours, so it is logged at info, one line with its message; a 5xx (or an error without a
 * status) stays at error with its stack. Payload logs every error a route throws at error unless
 * `loggingLevels` names its class, and the production bundle loses class names (its own
 * Forbidden, NotFound, APIError), so the level is decided here, by status, for every logger call.
 */

/** A status 400-499 on an error (Payload's APIError and ours carry `status`); else undefined. */
const clientStatusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined
}

/** pino's error level (50). */
const ERROR_LEVEL = 50

interface InfoLogger {
  info: (object: Record<string, unknown>, message?: string) => void
}

/**
 * pino's `hooks.logMethod`: an error-level call whose error (the first argument, or its `err`)
 * has a 4xx status is logged at info as `{ status, error: <name> }` with the error's message.
 * Source: pino's LoggerOptions.hooks.logMethod (https://getpino.io/#/docs/api?id=logmethod).
 */
export function clientErrorsAtInfo(
  this: InfoLogger,
  args: unknown[],
  method: (...args: unknown[]) => void,
  level: number,
): void {
  if (level === ERROR_LEVEL) {
    const [first] = args
    const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err
    const status = clientStatusOf(error)
    if (status !== undefined) {
      const { name, message } = error as Error
      return this.info({ status, error: name || 'APIError' }, message)
    }
  }
  method.apply(this, args)
}
