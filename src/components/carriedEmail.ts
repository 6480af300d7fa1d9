/**
 * The e-mail typed in one account form follows the visitor to the next (sign in, sign up,
 * forgot password) through this tab's session storage, never the URL: an address in a query
 * string ends up in history, server logs and Referer headers.
 */
const KEY = 'photo-packages:auth-email'

/** Remembers `email` for the next account form in this tab (nothing when empty). */
export const carryEmail = (email: string): void => {
  if (email) window.sessionStorage.setItem(KEY, email)
}

/** The carried e-mail, once: it is forgotten as it is read. */
export const takeCarriedEmail = (): string | null => {
  const email = window.sessionStorage.getItem(KEY)
  if (email) window.sessionStorage.removeItem(KEY)
  return email
}
