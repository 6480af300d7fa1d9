import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter } from 'payload'

import { settings } from './settings'

/**
 * SMTP when SMTP_HOST is set; otherwise mail (password resets, say) is written to the log,
 * so the embedded demo needs no mail server and loses nothing silently. Outside production the
 * log line carries the mail's text too, so the demo's sign-up link (/verify?token=…) can be
 * opened from the terminal; production never logs a body (links in it sign people in).
 */
export const emailAdapter = (): EmailAdapter | Promise<EmailAdapter> => {
  const { smtp, emailFrom: fromAddress, emailFromName: fromName, isProduction } = settings()
  if (smtp) {
    return nodemailerAdapter({
      defaultFromAddress: fromAddress,
      defaultFromName: fromName,
      skipVerify: true,
      transportOptions: {
        host: smtp.host,
        port: smtp.port,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
      },
    })
  }
  return ({ payload }) => ({
    name: 'log',
    defaultFromAddress: fromAddress,
    defaultFromName: fromName,
    sendEmail: async (message) => {
      payload.logger.info({
        msg: 'Email (no SMTP_HOST set, logged instead of sent)',
        to: message.to,
        subject: message.subject,
        ...(isProduction ? {} : { text: message.text }),
      })
      return { logged: true }
    },
  })
}
