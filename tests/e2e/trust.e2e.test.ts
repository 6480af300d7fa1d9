import { readFileSync } from 'node:fs'
import path from 'node:path'

import { unzipSync } from 'fflate'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'
import { finishSignUpInBrowser, signUpInBrowser, verifyLinkFor } from '../support/clients/signUp'

const appUrl = inject('appUrl')
const fixture = path.resolve(import.meta.dirname, '../fixtures/portrait.jpg')

interface Mail {
  to: string[]
  subject: string
  text: string
  html: string
}

/** The e-mails the app sent `to`, read from the real SMTP server the app talks to. */
const mailTo = async (to: string, subject: RegExp): Promise<Mail> => {
  let found: Mail | undefined
  await expect
    .poll(
      async () => {
        const mails = (await (
          await fetch(`${inject('fakeMailboxUrl')}/messages?to=${encodeURIComponent(to)}`)
        ).json()) as Mail[]
        found = mails.find((mail) => subject.test(mail.subject))
        return Boolean(found)
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true)
  return found as Mail
}

const acceptDialogs = (page: Page) => page.on('dialog', (dialog) => void dialog.accept())

/**
 * A customer's control over their photos, account and e-mail, in Chromium against the
 * production build: sign-up that keeps the chosen package and theme, the gallery viewer and
 * JPEG downloads, the header balance, /account's delete, export and erase, password reset by
 * e-mail, the checkout page for an unknown session, and the privacy, terms and help pages.
 */
describe('a customer in control of their photos and account', () => {
  let browser: Browser
  let context: BrowserContext
  const email = `trust-${Date.now()}@example.com`
  const password = 'trust-password-1'

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('keeps the e-mail when the address is taken (and says no more than that an e-mail was sent), offers sign-in, and brings the chosen package and theme back after sign-up', async () => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/packages/wedding-portraits`)
    const garden = page.locator('label.theme-card', { hasText: 'Garden Romance' })
    await garden.click()
    const themeId = await garden.locator('input').getAttribute('value')
    await page.getByRole('link', { name: 'create an account' }).click()
    await page.waitForURL((url) => url.pathname === '/signup')
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/packages/wedding-portraits?theme=${themeId}`)

    await page.getByLabel('Email').fill('customer@photo-packages.local')
    await page.getByLabel('Password').fill('whatever-pass-1')
    await page.getByRole('button', { name: 'Create account' }).click()
    // A taken address is answered as a free one: check your inbox (its owner is e-mailed instead).
    await page
      .getByRole('status')
      .filter({ hasText: 'Check your inbox: we have sent an e-mail to customer@photo-packages.local' })
      .waitFor()
    await screenshotBothWidths(page, 'signup-check-inbox')
    await page.getByRole('link', { name: 'sign in instead' }).click()
    await page.waitForURL((url) => url.pathname === '/login')
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe('customer@photo-packages.local')
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/packages/wedding-portraits?theme=${themeId}`)

    await page.getByRole('link', { name: 'Create an account' }).click()
    await page.waitForURL((url) => url.pathname === '/signup')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    // Not signed in yet: a sign-in before the mailed link is opened is refused as a wrong password.
    const early = await fetch(`${appUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    expect(early.status).toBe(401)
    // The link leads back to the package and theme after the sign-in on /verify.
    await finishSignUpInBrowser(page, { appUrl, mailboxUrl: inject('fakeMailboxUrl'), email, password })
    await page.waitForURL(
      (url) => url.pathname === '/packages/wedding-portraits' && url.searchParams.get('theme') === themeId,
      { timeout: 20_000 },
    )
    await expect
      .poll(() =>
        page.locator('label.theme-card', { hasText: 'Garden Romance' }).locator('input').isChecked(),
      )
      .toBe(true)
    await expect.poll(() => page.getByTestId('balance').textContent(), { timeout: 15_000 }).toBe('3 shoots')
    await page.close()
  })

  it('the /verify page says a used link is used, and sends a new link alike for any address', async () => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(await verifyLinkFor(appUrl, inject('fakeMailboxUrl'), email))
    await page.getByRole('button', { name: 'Confirm my address' }).click()
    await page.getByRole('alert').filter({ hasText: 'This link was used already' }).waitFor()
    await screenshotBothWidths(page, 'verify-link-used')
    await page.goto(`${appUrl}/verify`)
    for (const address of [email, `nobody-${Date.now()}@example.com`]) {
      await page.getByLabel('Email').fill(address)
      await page.getByRole('button', { name: 'Send the link again' }).click()
      await page
        .getByRole('status')
        .filter({
          hasText: 'If that address has an account waiting to be confirmed, a new link is on its way',
        })
        .waitFor()
      await page.reload()
    }
    await page.close()
  })

  it('generates; the header balance follows; the viewer shows each portrait full size with keys and downloads JPEG', async () => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/packages/wedding-portraits`)
    await page.locator('label.theme-card', { hasText: 'Garden Romance' }).click()
    await page.getByTestId('photo-retention').filter({ hasText: '30 days after their last use' }).waitFor()
    await page.locator('input[type="file"]').setInputFiles(fixture)
    const generate = page.getByRole('button', { name: /Generate for 1 shoot/ })
    await expect.poll(() => generate.isEnabled(), { timeout: 20_000 }).toBe(true)
    await generate.click()
    await page.waitForURL(/\/generations\/\d+$/, { timeout: 20_000 })
    // The layout (and so the header) is not rendered again on this navigation: the balance still follows.
    await expect.poll(() => page.getByTestId('balance').textContent(), { timeout: 15_000 }).toBe('2 shoots')
    await expect
      .poll(() => page.getByTestId('progress-text').textContent(), { timeout: 60_000 })
      .toMatch(/^100%/)
    await expect.poll(() => page.locator('.gallery-item img').count()).toBe(3)
    const fullUrls = await page
      .locator('.gallery-item')
      .evaluateAll((items) =>
        items.map((item) => item.querySelector('a[href*="format=webp"]')?.getAttribute('href') ?? ''),
      )
    expect(fullUrls.every((href) => /\/portraits\/\d\?format=webp$/.test(href))).toBe(true)

    await page.getByRole('button', { name: 'View portrait 1 full size' }).click()
    const viewer = page.locator('.yarl__container')
    await viewer.waitFor()
    await expect.poll(() => page.locator('.yarl__counter').textContent()).toBe('1 / 3')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.locator('.yarl__counter').textContent()).toBe('2 / 3')
    // Full size: the viewer shows the stored file, not the 1024 px variant the grid uses.
    const srcs = await viewer
      .locator('img')
      .evaluateAll((images) => images.map((image) => image.getAttribute('src') ?? ''))
    expect(
      srcs.some(
        (src) => /\/api\/generation-results\/file\/[^/?]+\.webp$/.test(src) && !src.includes('-1024x'),
      ),
    ).toBe(true)
    const jpegButton = page.locator('.lightbox-download', { hasText: 'JPEG' })
    expect(await jpegButton.getAttribute('href')).toMatch(/\/portraits\/2\?format=jpeg$/)
    await screenshotBothWidths(page, 'gallery-viewer')
    const downloading = page.waitForEvent('download')
    await jpegButton.click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('portrait-2.jpg')
    const jpeg = readFileSync((await download.path()) as string)
    expect([jpeg[0], jpeg[1], jpeg[2]]).toEqual([0xff, 0xd8, 0xff])
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => page.locator('.yarl__counter').textContent()).toBe('1 / 3')
    await page.keyboard.press('Escape')
    await expect.poll(() => viewer.count()).toBe(0)

    const zipping = page.waitForEvent('download')
    await page.getByTestId('download-zip-jpeg').click()
    const zip = unzipSync(new Uint8Array(readFileSync((await (await zipping).path()) as string)))
    expect(Object.keys(zip).sort()).toEqual(['portrait-1.jpg', 'portrait-2.jpg', 'portrait-3.jpg'])
    expect(await page.getByTestId('make-another').getAttribute('href')).toBe('/packages/wedding-portraits')

    // Not happy: a 2 asks what went wrong before it is sent.
    await page.getByRole('button', { name: '2 of 5' }).click()
    await page.getByLabel(/What went wrong/).fill('The faces do not look like me.')
    await page.getByRole('button', { name: 'Send my 2 of 5' }).click()
    await page.getByTestId('rated').filter({ hasText: 'the studio reads every low rating' }).waitFor()
    await page.close()
  })

  it('shows thumbnails on /account without sideways scrolling at 375 px, exports, and deletes a photo, a shoot and everything', async () => {
    const page = await context.newPage()
    acceptDialogs(page)
    await page.goto(`${appUrl}/account`)
    await expect.poll(() => page.getByTestId('account-generations').locator('img').count()).toBe(1)
    await page.setViewportSize({ width: 375, height: 800 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.setViewportSize({ width: 1280, height: 900 })
    await screenshotBothWidths(page, 'account-data')

    const exporting = page.waitForEvent('download')
    await page.getByTestId('export-data').click()
    const files = unzipSync(new Uint8Array(readFileSync((await (await exporting).path()) as string)))
    const account = JSON.parse(new TextDecoder().decode(files['account.json']))
    expect(account.account.email).toBe(email)
    expect(account.generations).toHaveLength(1)
    expect(Object.keys(files).filter((name) => name.startsWith('portraits/'))).toHaveLength(3)
    expect(Object.keys(files).filter((name) => name.startsWith('photos/'))).toHaveLength(1)

    // A second photo, never used: delete it on its own.
    await page.goto(`${appUrl}/packages/wedding-portraits`)
    await page.locator('input[type="file"]').setInputFiles(fixture)
    await page.getByTestId('reference-list').waitFor()
    await page.goto(`${appUrl}/account`)
    const photos = page.getByTestId('account-photos').locator('li')
    await expect.poll(() => photos.count()).toBe(2)
    await photos
      .first()
      .getByRole('button', { name: /^Delete the photo/ })
      .click()
    await expect.poll(() => photos.count()).toBe(1)

    await page.getByRole('button', { name: /^Delete the shoot/ }).click()
    await page.getByText('No portraits yet.').waitFor()
    await page.getByRole('button', { name: 'Delete all photos and portraits' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'Deleted 0 shoots with their portraits and 1 photo.' })
      .waitFor()
    await page.getByText('No photos stored.').waitFor()
    // The balance and the history stay.
    expect(await page.getByTestId('account-balance').textContent()).toBe('2')
    await page.close()
  })

  it('never puts a password in the address: sign-in and sign-up sent before the page’s script runs are posted', async () => {
    // JavaScript off stands for a submit before hydration (a slow first load): the browser sends
    // the form itself. A form without method="post" sent the password in the URL, to logs and history.
    const noScript = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    })
    const page = await noScript.newPage()
    for (const [path, button] of [
      ['/login', 'Sign in'],
      ['/signup', 'Create account'],
    ] as const) {
      await page.goto(`${appUrl}${path}`)
      await page.getByLabel('Email').fill('no-script@example.com')
      await page.getByLabel('Password').fill('no-script-password-1')
      const [answer] = await Promise.all([
        page.waitForResponse((response) => new URL(response.url()).pathname === path),
        page.getByRole('button', { name: button }).click(),
      ])
      expect(answer.request().method(), path).toBe('POST')
      expect(answer.status(), path).toBeLessThan(500)
      expect(page.url(), path).not.toContain('no-script')
    }
    await noScript.close()
  })

  it('resets a forgotten password with the link from the e-mail', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await other.newPage()
    await page.goto(`${appUrl}/login`)
    await page.getByLabel('Email').fill(email)
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.waitForURL((url) => url.pathname === '/forgot-password')
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(email)
    await screenshotBothWidths(page, 'forgot-password')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await page.getByRole('status').filter({ hasText: 'an e-mail with a link is on its way' }).waitFor()

    const mail = await mailTo(email, /Reset your password/)
    expect(mail.subject).toBe('Reset your password · Photo Packages')
    const link = /href="([^"]*\/reset-password\?token=[^"]+)"/.exec(mail.html)?.[1].replace(/&amp;/g, '&')
    expect(link).toBeDefined()
    await page.goto(
      new URL(new URL(link as string).pathname + new URL(link as string).search, appUrl).toString(),
    )
    await screenshotBothWidths(page, 'reset-password')
    await page.getByLabel('New password').fill('a-new-password-2')
    await page.getByRole('button', { name: 'Save and sign in' }).click()
    await page.waitForURL((url) => url.pathname === '/account', { timeout: 20_000 })
    await page.getByTestId('account-balance').waitFor()
    await other.close()
  })

  it('erases the account only after the e-mail is typed (the reset signed the old session out), and signs the customer out', async () => {
    const page = await context.newPage()
    // The password reset signed out every other session of the account, this one included.
    await page.goto(`${appUrl}/account`)
    await page.waitForURL((url) => url.pathname === '/login')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('a-new-password-2')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => url.pathname === '/account', { timeout: 20_000 })
    const confirm = page.getByLabel(/Type your e-mail address .* or your password to confirm/)
    await confirm.fill('not my address')
    await page.getByRole('button', { name: 'Delete my account' }).click()
    await page
      .getByRole('alert')
      .filter({ hasText: 'Type your e-mail address or your password to confirm.' })
      .waitFor()
    await confirm.fill(email)
    await page.getByRole('button', { name: 'Delete my account' }).click()
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('account') === 'deleted', {
      timeout: 20_000,
    })
    await page.getByTestId('account-deleted').waitFor()
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor()
    await screenshotBothWidths(page, 'account-deleted')
    const login = await fetch(`${appUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a-new-password-2' }),
    })
    expect(login.status).toBe(401)
    await page.close()
  })

  it('changes the name, then the e-mail address and password (with the current password) on /account', async () => {
    const own = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await own.newPage()
    const first = `details-${Date.now()}@example.com`
    const moved = `moved-${Date.now()}@example.com`
    await signUpInBrowser(page, {
      appUrl,
      mailboxUrl: inject('fakeMailboxUrl'),
      email: first,
      password: 'details-pass-1',
    })
    await page.goto(`${appUrl}/account`)
    const details = page.locator('form.details-form')
    await details.getByLabel('Name').fill('Ada Lovelace')
    await details.getByRole('button', { name: 'Save my details' }).click()
    await details.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()

    await details.getByLabel('E-mail address').fill(moved)
    await details.getByLabel(/^New password/).fill('details-pass-2')
    await details.getByLabel(/^Current password/).fill('not-my-password')
    await details.getByRole('button', { name: 'Save my details' }).click()
    await details.getByRole('alert').filter({ hasText: 'That is not your current password.' }).waitFor()
    await details.getByLabel(/^Current password/).fill('details-pass-1')
    await details.getByRole('button', { name: 'Save my details' }).click()
    await details.getByRole('status').filter({ hasText: 'We have sent a link to the new address' }).waitFor()
    await screenshotBothWidths(page, 'account-details')
    // The address moves when the link mailed to it is opened and confirmed.
    const link = /https?:\/\/\S+\/confirm-email\?token=\S+/.exec(
      (await mailTo(moved, /Confirm your new e-mail/)).text,
    )
    const confirmUrl = new URL(link?.[0] ?? '')
    await page.goto(`${appUrl}${confirmUrl.pathname}${confirmUrl.search}`)
    await page.getByRole('button', { name: 'Confirm this address' }).click()
    await page.getByTestId('email-confirmed').filter({ hasText: moved }).waitFor()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor()
    await page.goto(`${appUrl}/login?next=/account`)
    await page.getByLabel('Email').fill(moved)
    await page.getByLabel('Password').fill('details-pass-2')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => url.pathname === '/account', { timeout: 20_000 })
    expect(await page.locator('form.details-form').getByLabel('Name').inputValue()).toBe('Ada Lovelace')
    await own.close()
  })

  it('says which packages did not fit on the compare page, says so when none exists, and filters bundles by category', async () => {
    const page = await context.newPage()
    const slugs = (
      (await (await fetch(`${appUrl}/api/packages`)).json()).packages as { slug: string; name: string }[]
    ).slice(0, 4)
    expect(slugs).toHaveLength(4)
    await page.goto(`${appUrl}/packages/compare?${slugs.map((pkg) => `slugs=${pkg.slug}`).join('&')}`)
    await page.getByTestId('compare-left-out').filter({ hasText: slugs[3].name }).waitFor()
    expect(await page.locator('.compare-table thead th').count()).toBe(4)
    await page.goto(`${appUrl}/packages/compare?slugs=no-such-package`)
    await page.getByTestId('compare-empty').waitFor()
    expect(await page.locator('.compare-table').count()).toBe(0)

    await page.goto(`${appUrl}/?category=professional`)
    await page.getByTestId('package-professional-headshots').waitFor()
    expect(await page.getByTestId('bundle-engaged-to-married').count()).toBe(0)
    await page.goto(`${appUrl}/?category=wedding`)
    await page.getByTestId('bundle-engaged-to-married').waitFor()
    await page.close()
  })

  it('says what happened on the thank-you page for a checkout it does not know, instead of waiting forever', async () => {
    const customer = await browser.newContext()
    const page = await customer.newPage()
    await page.goto(`${appUrl}/login`)
    await page.getByLabel('Email').fill('customer@photo-packages.local')
    await page.getByLabel('Password').fill('customer-demo-pass')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('balance').waitFor()
    await page.goto(`${appUrl}/checkout/success?session_id=cs_test_never_created`)
    await page
      .getByTestId('checkout-outcome')
      .filter({ hasText: 'We could not find this checkout' })
      .waitFor({ timeout: 20_000 })
    expect(
      await page
        .getByTestId('checkout-outcome')
        .getByRole('link', { name: 'your account' })
        .getAttribute('href'),
    ).toBe('/account')
    await customer.close()
  })

  it('links privacy, terms and help from the footer, says what is kept and for how long, and serves a favicon', async () => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/`)
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click()
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor()
    const privacy = (await page.locator('main').textContent()) ?? ''
    for (const words of ['30 days', '365 days', 'Google (Gemini API)', 'Stripe'])
      expect(privacy).toContain(words)
    await screenshotBothWidths(page, 'privacy')
    for (const [name, heading, shot] of [
      ['Terms', 'Terms', 'terms'],
      ['Help and contact', 'Help and contact', 'help'],
    ]) {
      await page.getByRole('contentinfo').getByRole('link', { name }).click()
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
      await screenshotBothWidths(page, shot)
    }
    const favicon = await fetch(`${appUrl}/favicon.ico`)
    expect(favicon.status).toBe(200)
    expect(favicon.headers.get('content-type')).toMatch(/icon/)
    await page.close()
  })
})
