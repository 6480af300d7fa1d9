import type { Payload } from 'payload'
import type { Page } from 'playwright-core'

import { ApiClient } from './client'

/**
 * Completing a customer's sign-up through the link mailed to their address, as a person does:
 * the e2e files read the mail from the fake SMTP server's mailbox (GET <mailbox>/messages?to=),
 * the int files from the SMTP server itself or, without one, from the e-mail outbox (the queued
 * sendEmail job that carries the link's token). One helper for all, so no test signs up another way.
 */

interface Mail {
  to: string[]
  subject: string
  text: string
  html: string
}

/** The sign-up link's token in a "Confirm your e-mail address" mail, or null. */
export const verifyTokenIn = (mail: { text: string }): string | null =>
  new URL(/https?:\/\/\S+\/verify\?token=\S+/.exec(mail.text)?.[0] ?? 'http://x/').searchParams.get('token')

/** The e-mails the app sent `to` whose subject matches, polled from the mailbox for up to `timeoutMs`. */
export const mailTo = async (
  mailboxUrl: string,
  to: string,
  subject: RegExp,
  timeoutMs = 30_000,
): Promise<Mail> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const mails = (await (
      await fetch(`${mailboxUrl}/messages?to=${encodeURIComponent(to)}`)
    ).json()) as Mail[]
    // The newest: a later link replaces an earlier one.
    const found = mails.filter((mail) => subject.test(mail.subject)).at(-1)
    if (found) return found
    if (Date.now() > deadline)
      throw new Error(`No e-mail to ${to} matching ${subject} within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

/** The link (on the app's own origin `appUrl`) that confirms `email`'s new account. */
export const verifyLinkFor = async (appUrl: string, mailboxUrl: string, email: string): Promise<string> => {
  const token = verifyTokenIn(await mailTo(mailboxUrl, email, /^Confirm your e-mail address/))
  if (!token) throw new Error(`The mail to ${email} has no /verify link`)
  return `${appUrl}/verify?token=${encodeURIComponent(token)}`
}

/**
 * After the sign-up form was sent in `page`: waits for "check your inbox", opens the mailed link in
 * the same page, confirms, and signs in with `password` on the /verify page. Resolves once signed
 * in (the header shows the balance); the page is then where the sign-in led (the page signed up from).
 */
export const finishSignUpInBrowser = async (
  page: Page,
  {
    appUrl,
    mailboxUrl,
    email,
    password,
  }: { appUrl: string; mailboxUrl: string; email: string; password: string },
): Promise<void> => {
  await page.getByTestId('sign-up-sent').waitFor({ timeout: 20_000 })
  await page.goto(await verifyLinkFor(appUrl, mailboxUrl, email))
  await page.getByRole('button', { name: 'Confirm my address' }).click()
  await page.getByTestId('address-confirmed').waitFor({ timeout: 20_000 })
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByTestId('balance').waitFor({ timeout: 20_000 })
}

/** Signs up `email` on /signup in `page` and completes it through the mailed link (finishSignUpInBrowser). */
export const signUpInBrowser = async (
  page: Page,
  account: { appUrl: string; mailboxUrl: string; email: string; password: string },
): Promise<void> => {
  await page.goto(`${account.appUrl}/signup`)
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await finishSignUpInBrowser(page, account)
}

/** Signs up `email` over REST, opens the mailed link (POST /api/users/verify/<token>) and signs in: a signed-in client. */
export const signUpByApi = async (
  client: ApiClient,
  { mailboxUrl, email, password }: { mailboxUrl: string; email: string; password: string },
): Promise<ApiClient> => {
  const created = await client.post('/api/users', { email, password })
  if (created.status !== 201) throw new Error(`sign-up of ${email} answered ${created.status}`)
  const token = verifyTokenIn(await mailTo(mailboxUrl, email, /^Confirm your e-mail address/))
  const verified = await client.post(`/api/users/verify/${encodeURIComponent(token ?? '')}`)
  if (verified.status !== 200) throw new Error(`verifying ${email} answered ${verified.status}`)
  return client.login(email, password)
}

/**
 * Int files without an SMTP server: the token of the newest sign-up link queued for `email` (the
 * sendEmail job's input, before any run of the e-mail queue sends and removes it).
 */
export const verifyTokenFromOutbox = async (payload: Payload, email: string): Promise<string> => {
  const [user] = (
    await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0, limit: 1 })
  ).docs
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: { taskSlug: { equals: 'sendEmail' } },
    sort: '-createdAt',
    limit: 1000,
    depth: 0,
  })
  const job = docs.find((row) => {
    const input = row.input as { template?: string; userId?: number; data?: { token?: string } } | null
    return input?.template === 'verifyEmail' && Number(input.userId) === user?.id
  })
  const token = (job?.input as { data?: { token?: string } } | undefined)?.data?.token
  if (!token) throw new Error(`No sign-up link queued for ${email}`)
  return token
}

/** Int files: opens the sign-up link queued for `email` (POST /api/users/verify/<token>) on the REST server at `baseUrl`. */
export const confirmSignUpFromOutbox = async (
  payload: Payload,
  baseUrl: string,
  email: string,
): Promise<void> => {
  const token = await verifyTokenFromOutbox(payload, email)
  const verified = await new ApiClient(baseUrl).post(`/api/users/verify/${encodeURIComponent(token)}`)
  if (verified.status !== 200) throw new Error(`verifying ${email} answered ${verified.status}`)
}
