import { studio } from '@/email/send'
import { passwordResetEmail } from '@/email/templates'

/**
 * Payload's forgot-password mail in the studio's words. Customers reset on the site's
 * /reset-password page; staff on the admin's own reset view.
 */
const linkFor = (token: string, user: unknown): string | undefined =>
  (user as { role?: string } | undefined)?.role && (user as { role: string }).role !== 'customer'
    ? `${studio().url}/admin/reset/${encodeURIComponent(token)}`
    : undefined

export const forgotPasswordEmailHTML = ({
  token = '',
  user,
}: { token?: string; user?: unknown } = {}): string =>
  passwordResetEmail(studio(), token, linkFor(token, user)).html

export const forgotPasswordEmailSubject = (): string => passwordResetEmail(studio(), '').subject
