import type { CollectionAfterLoginHook, CollectionAfterLogoutHook, PayloadRequest } from 'payload'

import { STUDIO_SELECTION_COOKIE } from '@/access/studioScope'

const expireStudioCookie = (req: PayloadRequest): void => {
  req.responseHeaders ??= new Headers()
  req.responseHeaders.append('Set-Cookie', `${STUDIO_SELECTION_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`)
}

/**
 * A sign-in or sign-out forgets the admin's studio selection: it is the browser's, not the
 * account's, so the next person to sign in on that browser (a platform admin after a studio's
 * editor) would otherwise start inside the studio the last one picked. Payload adds
 * `req.responseHeaders` to the REST answer (handleEndpoints).
 */
export const forgetStudioSelectionAtLogin: CollectionAfterLoginHook = ({ req }) => {
  expireStudioCookie(req)
}

export const forgetStudioSelectionAtLogout: CollectionAfterLogoutHook = ({ req }) => {
  expireStudioCookie(req)
}
