/** E-mail: the SMTP server, the sender and the studio's name. */
import { z } from 'zod'

import { later, port, read, text, textOr, verbatim } from './fields'

/** SMTP_PORT is read (and refused when wrong) only with SMTP_HOST. */
export const emailVariables = z.object({
  /** The SMTP server; unset = mail is written to the log. */
  SMTP_HOST: text(),
  /** Default 587. */
  SMTP_PORT: later(port()),
  SMTP_USER: text(),
  /** As given: a password may begin or end with a space. */
  SMTP_PASS: verbatim(),
  EMAIL_FROM: textOr('studio@photo-packages.local'),
  /** Default: the studio's name. */
  EMAIL_FROM_NAME: text(),
  /** The studio's name in e-mails and on the legal pages. */
  STUDIO_NAME: textOr('Photo Packages'),
})

export interface SmtpSettings {
  host: string
  /** SMTP_PORT, default 587. */
  port: number
  user?: string
  pass?: string
}

export const toEmail = (env: z.output<typeof emailVariables>) => ({
  smtp: env.SMTP_HOST
    ? ({
        host: env.SMTP_HOST,
        port: read(env, 'SMTP_PORT') ?? 587,
        user: env.SMTP_USER,
        pass: env.SMTP_PASS,
      } satisfies SmtpSettings as SmtpSettings)
    : null,
  emailFrom: env.EMAIL_FROM,
  emailFromName: env.EMAIL_FROM_NAME ?? env.STUDIO_NAME,
  studioName: env.STUDIO_NAME,
})
