import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter, Payload, SendEmailOptions } from 'payload'

import { settings } from './settings'

type InitializedEmailAdapter = ReturnType<EmailAdapter>

/** The nodemailer adapter for one set of SMTP settings, kept while they stay the same. */
let smtpAdapter: { key: string; adapter: Promise<InitializedEmailAdapter> } | undefined

/** Payload's nodemailer adapter for SMTP_* and EMAIL_FROM* as they are now, or null without SMTP_HOST. */
const currentSmtpAdapter = (payload: Payload): Promise<InitializedEmailAdapter> | null => {
  const { smtp, emailFrom, emailFromName } = settings()
  if (!smtp) return null
  const key = JSON.stringify([smtp.host, smtp.port, smtp.user, smtp.pass, emailFrom, emailFromName])
  if (smtpAdapter?.key !== key) {
    const adapter = nodemailerAdapter({
      defaultFromAddress: emailFrom,
      defaultFromName: emailFromName,
      skipVerify: true,
      transportOptions: {
        host: smtp.host,
        port: smtp.port,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
      },
    }).then((init) => init({ payload }))
    smtpAdapter = { key, adapter }
  }
  return smtpAdapter.adapter
}

/**
 * Writes a mail to the log instead of sending it. Outside production the line carries the mail's
 * text too (its HTML when it has no text: Payload's password reset mail), so the demo's sign-up and
 * reset links (/verify?token=…, /reset-password?token=…) can be opened from the terminal;
 * production never logs a body (links in it sign people in).
 */
const logMail = (payload: Payload, message: SendEmailOptions) => {
  payload.logger.info({
    msg: 'Email (no SMTP_HOST set, logged instead of sent)',
    to: message.to,
    subject: message.subject,
    ...(settings().isProduction ? {} : message.text ? { text: message.text } : { html: message.html }),
  })
  return { logged: true }
}

/**
 * Payload's e-mail adapter: SMTP (Payload's nodemailer adapter) when SMTP_HOST is set; otherwise
 * mail (password resets, say) is written to the log, so the embedded demo needs no mail server and
 * loses nothing silently. The settings are read when a mail is sent, not when the config loads: one
 * Payload serves every test file that brings its own SMTP server, and a deployment's variables,
 * which do not change while it runs, are read once per set all the same.
 */
export const emailAdapter =
  (): EmailAdapter =>
  ({ payload }) => ({
    get name() {
      return settings().smtp ? 'nodemailer' : 'log'
    },
    // Payload reads these when it sends its own auth mails (forgotPassword, sendVerificationEmail).
    get defaultFromAddress() {
      return settings().emailFrom
    },
    get defaultFromName() {
      return settings().emailFromName ?? ''
    },
    sendEmail: async (message) => {
      const smtp = currentSmtpAdapter(payload)
      return smtp ? (await smtp).sendEmail(message) : logMail(payload, message)
    },
  })
