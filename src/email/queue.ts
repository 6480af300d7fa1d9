import type { PayloadRequest } from 'payload'

import { QUEUES, TASKS } from '@/lib/queues'

export type EmailTemplateName =
  | 'portraitsReady'
  | 'purchaseReceipt'
  | 'refundNotice'
  | 'welcome'
  | 'verifyEmail'
  | 'retentionReminder'
  | 'signUpAttempt'
  | 'emailChangeConfirm'
  | 'emailChangeNotice'
  | 'emailChangeAttempt'

/**
 * Queues one e-mail to a user as a job on `req`'s transaction (an outbox): it is sent only
 * if the change it reports commits, and retried if the mail server fails. The address is
 * looked up when it is sent, so an account erased meanwhile gets nothing.
 */
export const queueEmail = async (
  req: PayloadRequest,
  email: { template: EmailTemplateName; userId: number; data: Record<string, unknown> },
): Promise<void> => {
  await req.payload.jobs.queue({ task: TASKS.sendEmail, input: email, queue: QUEUES.email, req })
}
