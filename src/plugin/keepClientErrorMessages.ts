import type { AfterErrorHook } from 'payload'

/** What Payload's formatErrors answers for an error whose `name` is empty (payload/dist/utilities/formatErrors.js). */
const UNKNOWN = 'An unknown error occurred.'

/**
 * Config-level afterError, before nameErrorsByClass: a client error (status 400-499, not marked
 * private) keeps its message in the production build. Payload's operations throw plain APIErrors
 * ("Missing email." from forgot-password, "Token is either invalid or has expired." from
 * reset-password); the production bundle minifies their class, whose empty `name` made
 * formatErrors answer "An unknown error occurred." where development said what was wrong.
 * The entry gets a `name`, which nameErrorsByClass then sets to the error's stable name.
 */
export const keepClientErrorMessages: AfterErrorHook = ({ error, result }) => {
  const { status, isPublic, message } = error as Error & { status?: number; isPublic?: boolean }
  const errors = (result as { errors?: unknown } | undefined)?.errors
  if (typeof status !== 'number' || status < 400 || status > 499 || isPublic === false) return
  if (!Array.isArray(errors) || errors.length !== 1 || errors[0]?.message !== UNKNOWN || !message) return
  return { response: { ...(result as object), errors: [{ ...errors[0], name: 'APIError', message }] } }
}
