import { AuthenticationError, type CollectionAfterErrorHook, formatErrors, UnverifiedEmail } from 'payload'

/**
 * A sign-in to an account whose address is not confirmed is refused before Payload checks it
 * (hooks/throttleLogin.ts). A sign-in sent while that account's own sign-up is still committing
 * can pass that check (no account yet) and meet the new row in Payload's own read: Payload then
 * answers its 403 "verify your e-mail", which would tell a free address from a taken one. The
 * REST answer is made the wrong password's (the same 401 and body) here too.
 */
export const unverifiedAsWrongPassword: CollectionAfterErrorHook = ({ error, req }) => {
  if (!(error instanceof UnverifiedEmail)) return
  return { response: formatErrors(new AuthenticationError(req.t)), status: 401 }
}
