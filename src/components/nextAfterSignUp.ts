import { safeNextPath } from '@/lib/safeNextPath'

/**
 * The page a visitor was on when they signed up (a package and theme), kept in this browser's
 * local storage until the mailed link is opened: the link may open in another tab, where session
 * storage is empty. Only a path on this site is kept or given back (safeNextPath).
 */
const KEY = 'photo-packages:next-after-sign-up'

/** Remembers `next` for the sign-in after the link is opened (nothing for the home page). */
export const rememberNextAfterSignUp = (next: string): void => {
  if (next !== '/') window.localStorage.setItem(KEY, next)
  else window.localStorage.removeItem(KEY)
}

/** The remembered page, once: it is forgotten as it is read ('/' when none). */
export const takeNextAfterSignUp = (): string => {
  const next = window.localStorage.getItem(KEY)
  window.localStorage.removeItem(KEY)
  return safeNextPath(next)
}
