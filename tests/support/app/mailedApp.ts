import type { Payload, Where } from 'payload'

import { QUEUES } from '@/lib/queues'

import { type FakeSmtp, startFakeSmtp } from '../../fakes/smtpServer'
import { testPayload } from './payload'
import { startRestServer } from './restServer'

export interface MailedApp {
  payload: Payload
  /** The REST API over HTTP (startRestServer). */
  server: { url: string; close: () => Promise<void> }
  /** The fake SMTP server the app sends every e-mail to. */
  smtp: FakeSmtp
  /** Stops the server and the SMTP server and unsets SMTP_HOST, SMTP_PORT and `env`'s variables. */
  close: () => Promise<void>
}

/**
 * This file's Payload and REST server with e-mail sent through a real (fake) SMTP server: starts
 * it and sets SMTP_HOST/SMTP_PORT and `env` (STUDIO_NAME, say). The e-mail adapter reads them when
 * it sends (src/lib/email.ts), so the file may share its process's Payload with others (int-fast).
 */
export const startMailedApp = async (env: Record<string, string> = {}): Promise<MailedApp> => {
  const smtp = await startFakeSmtp()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), ...env })
  const payload = await testPayload()
  const server = await startRestServer()
  return {
    payload,
    server,
    smtp,
    close: async () => {
      await server.close()
      await smtp.close()
      for (const key of ['SMTP_HOST', 'SMTP_PORT', ...Object.keys(env)]) delete process.env[key]
    },
  }
}

/** How long a claimed e-mail job counts as in flight (ms): a send takes well under a second. */
const CLAIM_FRESH_MS = 15_000

/**
 * Sends the queued e-mails and returns once none is left to send. A job another runner claimed in
 * the last `CLAIM_FRESH_MS` (a job in flight) is waited for, not skipped: otherwise its mail could
 * still be on its way when the caller reads the SMTP server's messages. A job claimed longer ago
 * is one whose runner is gone (the multi-node tests kill workers mid-run) and is never sent.
 */
export const sendQueuedEmails = async (payload: Payload, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await payload.jobs.run({ queue: QUEUES.email, limit: 1000 })
    const inFlightSince = new Date(Date.now() - CLAIM_FRESH_MS).toISOString()
    const waiting: Where = {
      and: [
        { queue: { equals: QUEUES.email } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
        { or: [{ processing: { equals: false } }, { updatedAt: { greater_than: inFlightSince } }] },
      ],
    }
    if ((await payload.count({ collection: 'payload-jobs', where: waiting })).totalDocs === 0) return
    if (Date.now() > deadline) throw new Error(`The e-mail queue did not empty within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
