import type { PayloadRequest } from 'payload'

import { type Sender, senderFor, studio } from '@/email/send'
import { passwordResetEmail } from '@/email/templates'

interface Args {
  req?: PayloadRequest
  token?: string
  user?: unknown
}

const userOf = (user: unknown) => user as { id?: number; role?: string } | undefined

/** The customer's studio (name, site) for a customer; the platform for staff and without a request. */
const senderOf = ({ req, user }: Args): Promise<Sender> | Sender =>
  req && userOf(user)?.role === 'customer'
    ? senderFor(req.payload, userOf(user)?.id, req)
    : { studio: studio() }

/**
 * Payload's forgot-password mail in the studio's words. Customers reset on their studio's site
 * (/reset-password); staff on the admin's own reset view. Payload sends it from its default
 * sender (EMAIL_FROM): its forgot-password operation takes no per-mail `From`.
 */
const linkFor = (token: string, user: unknown): string | undefined => {
  const role = userOf(user)?.role
  return role && role !== 'customer' ? `${studio().url}/admin/reset/${encodeURIComponent(token)}` : undefined
}

export const forgotPasswordEmailHTML = async (args: Args = {}): Promise<string> =>
  passwordResetEmail((await senderOf(args)).studio, args.token ?? '', linkFor(args.token ?? '', args.user))
    .html

export const forgotPasswordEmailSubject = async (args: Args = {}): Promise<string> =>
  passwordResetEmail((await senderOf(args)).studio, '').subject
