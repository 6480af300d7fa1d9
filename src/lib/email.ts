import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter } from 'payload'

const fromAddress = process.env.EMAIL_FROM ?? 'studio@photo-packages.local'
const fromName = process.env.EMAIL_FROM_NAME ?? process.env.STUDIO_NAME ?? 'Photo Packages'

/**
 * SMTP when SMTP_HOST is set; otherwise mail (password resets, say) is written to the log,
 * so the embedded demo needs no mail server and loses nothing silently.
 */
export const emailAdapter = (): EmailAdapter | Promise<EmailAdapter> => {
  if (process.env.SMTP_HOST) {
    return nodemailerAdapter({
      defaultFromAddress: fromAddress,
      defaultFromName: fromName,
      skipVerify: true,
      transportOptions: {
        host: process.env.SMTP_HOST,
        port: Number(process.env.SMTP_PORT ?? 587),
        auth: process.env.SMTP_USER ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } : undefined,
      },
    })
  }
  return ({ payload }) => ({
    name: 'log',
    defaultFromAddress: fromAddress,
    defaultFromName: fromName,
    sendEmail: async (message) => {
      payload.logger.info({ msg: 'Email (no SMTP_HOST set, logged instead of sent)', to: message.to, subject: message.subject })
      return { logged: true }
    },
  })
}
