import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  subject: string
  text: string
  html: string
}

export interface FakeSmtp {
  port: number
  messages: ReceivedMail[]
  /** Resolves with the first message (already received or arriving) that matches, or rejects after `timeoutMs`. */
  waitFor: (match: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>
  close: () => Promise<void>
}

/**
 * Reads a FakeSmtp's mailbox from another process (the browser tests run apart from the
 * global setup that owns the server): GET <url>/messages?to=<address> answers the messages
 * received so far for that address, oldest first, as JSON.
 */
export const serveMailbox = async (smtp: FakeSmtp): Promise<{ url: string; close: () => Promise<void> }> => {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://mailbox')
    if (url.pathname !== '/messages') {
      response.writeHead(404).end()
      return
    }
    const to = url.searchParams.get('to')?.toLowerCase()
    const found = smtp.messages.filter(
      (mail) => !to || mail.to.some((address) => address.toLowerCase() === to),
    )
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * A real SMTP server (nodemailer's smtp-server) on a random loopback port, keeping every
 * message it receives, parsed by mailparser. No TLS, any or no credentials accepted.
 */
export const startFakeSmtp = async (): Promise<FakeSmtp> => {
  const messages: ReceivedMail[] = []
  const waiters: { match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }[] = []
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          }
          messages.push(mail)
          for (const waiter of [...waiters]) {
            if (waiter.match(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1)
              waiter.resolve(mail)
            }
          }
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    messages,
    waitFor: (match, timeoutMs = 30_000) => {
      const found = messages.find(match)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching e-mail within ${timeoutMs} ms; got: ${messages.map((m) => `${m.to} "${m.subject}"`).join(', ')}`,
              ),
            ),
          timeoutMs,
        )
        waiters.push({ match, resolve: (mail) => (clearTimeout(timer), resolve(mail)) })
      })
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
