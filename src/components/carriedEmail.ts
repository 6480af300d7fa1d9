import { useEffect } from 'react'

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

/**
 * Fills an empty e-mail box with the carried address after hydration. Session storage exists
 * only in the browser, so the server's first render has no address and this must run after
 * it: an effect syncing from an external store, which is what effects are for.
 */
export const useCarriedEmail = (setEmail: (update: (typed: string) => string) => void): void => {
  useEffect(() => {
    const carried = takeCarriedEmail()
    // eslint-disable-next-line react-hooks/set-state-in-effect -- read once from sessionStorage after hydration
    if (carried) setEmail((typed) => typed || carried)
  }, [setEmail])
}
