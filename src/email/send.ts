import type { Payload } from 'payload'

import type { EmailContent, Studio } from './templates'

/** The studio's name and public origin for e-mails: STUDIO_NAME and SERVER_URL. */
export const studio = (): Studio => ({
  name: process.env.STUDIO_NAME || 'Photo Packages',
  url: (process.env.SERVER_URL || 'http://localhost:3000').replace(/\/$/, ''),
})

/**
 * Sends one e-mail through Payload's email adapter (SMTP when SMTP_HOST is set, the log
 * otherwise). Mail is a courtesy after the fact: a failure is logged, never thrown, so a
 * paid purchase or a finished shoot is never rolled back because a mail server is down.
 */
export const sendStudioEmail = async (payload: Payload, to: string | null | undefined, content: EmailContent): Promise<boolean> => {
  if (!to) return false
  try {
    await payload.sendEmail({ to, subject: content.subject, text: content.text, html: content.html })
    return true
  } catch (error) {
    payload.logger.error({ err: error, msg: `E-mail "${content.subject}" to a customer could not be sent` })
    return false
  }
}

/** The e-mail address of a user id, or null when the account is gone (erased). */
export const emailOf = async (payload: Payload, userId: number | null | undefined): Promise<string | null> => {
  if (userId === null || userId === undefined) return null
  const user = await payload
    .findByID({ collection: 'users', id: userId, depth: 0, select: { email: true }, overrideAccess: true })
    .catch(() => null)
  return user?.email ?? null
}
