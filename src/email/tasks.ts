import type { TaskConfig } from 'payload'

import { TASKS } from '@/lib/queues'

import type { EmailTemplateName } from './queue'
import { emailOf, pendingEmailOf, senderFor } from './send'
import {
  type EmailContent,
  emailChangeAttemptEmail,
  emailChangeConfirmEmail,
  emailChangeNoticeEmail,
  portraitsReadyEmail,
  purchaseReceiptEmail,
  refundNoticeEmail,
  retentionReminderEmail,
  signUpAttemptEmail,
  type Studio,
  verifyEmailEmail,
  welcomeEmail,
} from './templates'

// The job input is JSON written by our own queueEmail calls; each template reads its fields.
type Data = Record<string, any>

const render: Record<EmailTemplateName, (studio: Studio, data: Data) => EmailContent> = {
  portraitsReady: (s, d) => portraitsReadyEmail(s, d as Parameters<typeof portraitsReadyEmail>[1]),
  purchaseReceipt: (s, d) => purchaseReceiptEmail(s, d as Parameters<typeof purchaseReceiptEmail>[1]),
  refundNotice: (s, d) => refundNoticeEmail(s, d as Parameters<typeof refundNoticeEmail>[1]),
  welcome: (s, d) => welcomeEmail(s, Number(d.trialShoots ?? 0), d.name as string | undefined),
  verifyEmail: (s, d) => verifyEmailEmail(s, String(d.token), Number(d.trialShoots ?? 0)),
  retentionReminder: (s, d) => retentionReminderEmail(s, d as Parameters<typeof retentionReminderEmail>[1]),
  signUpAttempt: (s) => signUpAttemptEmail(s),
  emailChangeConfirm: (s, d) => emailChangeConfirmEmail(s, String(d.token)),
  emailChangeNotice: (s, d) => emailChangeNoticeEmail(s, String(d.to)),
  emailChangeAttempt: (s) => emailChangeAttemptEmail(s),
}

/** Sends one queued e-mail through Payload's email adapter; a failed send is retried. */
export const sendEmailTask: TaskConfig<any> = {
  slug: TASKS.sendEmail,
  label: 'Send e-mail',
  retries: 3,
  inputSchema: [
    { name: 'template', type: 'text', required: true },
    { name: 'userId', type: 'number', required: true },
    { name: 'data', type: 'json' },
  ],
  outputSchema: [{ name: 'sent', type: 'checkbox' }],
  handler: async ({ input, req }) => {
    const template = render[input.template as EmailTemplateName]
    if (!template) throw new Error(`Unknown e-mail template "${input.template}"`)
    const data = (input.data ?? {}) as Data
    // A confirmation link goes to the new address, while it is still the one waiting (a later request replaces it).
    const to =
      input.template === 'emailChangeConfirm'
        ? await pendingEmailOf(req.payload, Number(input.userId), String(data.to), req)
        : await emailOf(req.payload, Number(input.userId), req)
    if (!to) return { output: { sent: false } } // the account was erased meanwhile
    const { studio, from } = await senderFor(req.payload, Number(input.userId), req)
    const content = template(studio, data)
    await req.payload.sendEmail({
      to,
      subject: content.subject,
      text: content.text,
      html: content.html,
      ...(from && { from }),
    })
    return { output: { sent: true } }
  },
}
