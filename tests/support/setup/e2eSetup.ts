import type { ChildProcess } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { startFakeGemini } from '../../fakes/geminiServer'
import { serveMailbox, startFakeSmtp } from '../../fakes/smtpServer'
import { startFakeStripe } from '../../fakes/stripeServer'

import { runChild, startChild } from '../processes/child'
import { createFreshDatabase, dropDatabase } from './database'
import { runBootstrap } from './bootstrap'
import { freePort } from '../servers/freePort'

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string
    e2eDatabaseUri: string
    stripeWebhookSecret: string
    /** Signs the events of connected accounts (POST /api/stripe/connect/webhook). */
    stripeConnectWebhookSecret: string
    fakeStripeUrl: string
    /** The fake Gemini: POST <url>/fake/enqueue queues behaviours for the next calls. */
    fakeGeminiUrl: string
    /** GET <url>/messages?to=<address>: the e-mails the app sent that address (a real SMTP server). */
    fakeMailboxUrl: string
  }
}

const WEBHOOK_SECRET = 'whsec_e2e_secret'
const CONNECT_WEBHOOK_SECRET = 'whsec_e2e_connect_secret'

const waitForHttp = async (url: string, timeoutMs: number, child: ChildProcess): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`)
    try {
      const response = await fetch(url)
      if (response.status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`)
}

/**
 * The real app for the browser tests: a fresh Postgres database (migrated and seeded), a
 * production `next build` + `next start`, with the real Stripe and Gemini SDKs pointed at
 * local fakes that speak their wire formats.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../../..')
  const { name, uri } = await createFreshDatabase('pp_e2e')
  const gemini = await startFakeGemini({ latencyMs: 300 })
  const stripe = await startFakeStripe({
    webhookSecret: WEBHOOK_SECRET,
    connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
  })
  const smtp = await startFakeSmtp()
  const mailbox = await serveMailbox(smtp)
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'e2e-secret',
    SERVER_URL: `http://127.0.0.1:${port}`,
    ALLOW_INSECURE_COOKIES: '1',
    // The browser tests sign in many times from 127.0.0.1, and each sign-up opens its mailed link
    // (POST /api/users/verify, counted as a reset: 10 per 10 minutes a client); tests/e2e/hardening lowers nothing.
    RATE_LIMIT_LOGIN_POINTS: '1000',
    RATE_LIMIT_SIGNUP_POINTS: '1000',
    RATE_LIMIT_FORGOT_PASSWORD_POINTS: '1000',
    RATE_LIMIT_RESET_PASSWORD_POINTS: '1000',
    GEMINI_API_KEY: 'fake-gemini-key',
    GEMINI_BASE_URL: gemini.url,
    STRIPE_SECRET_KEY: 'sk_test_e2e',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_CONNECT_WEBHOOK_SECRET: CONNECT_WEBHOOK_SECRET,
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(new URL(stripe.url).port),
    STRIPE_API_PROTOCOL: 'http',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    STUDIO_NAME: 'Photo Packages',
    SEED_ADMIN_PASSWORD: 'admin-demo-pass',
    SEED_EDITOR_PASSWORD: 'editor-demo-pass',
    SEED_CUSTOMER_PASSWORD: 'customer-demo-pass',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    NEXT_TELEMETRY_DISABLED: '1',
  }
  Object.assign(process.env, { DATABASE_URI: uri, PAYLOAD_SECRET: 'e2e-secret', JOBS_AUTORUN: '0' })
  await runBootstrap()

  if (!process.env.E2E_SKIP_BUILD || !existsSync(path.join(root, '.next/BUILD_ID'))) {
    await runChild('npx', ['next', 'build'], { cwd: root, env, timeoutMs: 20 * 60_000, label: 'next build' })
  }
  // A data cache left by another run (another database) must not be served.
  rmSync(path.join(root, '.next/cache/fetch-cache'), { recursive: true, force: true })
  // The whole browser suite runs against this server; past two hours it is a hang, not a run.
  const app = startChild(process.execPath, ['server/front.mjs'], {
    cwd: root,
    env,
    timeoutMs: 2 * 3600_000,
    label: 'server/front.mjs',
  })
  const server = app.child
  const appUrl = `http://127.0.0.1:${port}`
  await waitForHttp(`${appUrl}/api/packages`, 120_000, server).catch(async (error: Error) => {
    await app.stop()
    throw app.failure(error.message)
  })

  project.provide('appUrl', appUrl)
  project.provide('e2eDatabaseUri', uri)
  project.provide('stripeWebhookSecret', WEBHOOK_SECRET)
  project.provide('stripeConnectWebhookSecret', CONNECT_WEBHOOK_SECRET)
  project.provide('fakeStripeUrl', stripe.url)
  project.provide('fakeGeminiUrl', gemini.url)
  project.provide('fakeMailboxUrl', mailbox.url)

  return async () => {
    await app.stop()
    await gemini.close()
    await stripe.close()
    await mailbox.close()
    await smtp.close()
    await dropDatabase(name)
  }
}
