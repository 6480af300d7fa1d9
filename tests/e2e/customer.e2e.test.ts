import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'
import { payAndNotify } from '../support/clients/stripeCheckout'
import { finishSignUpInBrowser, signUpInBrowser } from '../support/clients/signUp'

const appUrl = inject('appUrl')
const fixture = path.resolve(import.meta.dirname, '../fixtures/portrait.jpg')

/** A new customer, as a person would use the site, in real Chromium against the built app. */
describe('a customer in the browser', () => {
  let browser: Browser
  let context: BrowserContext
  let generationUrl = ''
  const email = `e2e-${Date.now()}@example.com`

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('signs up and sees the trial shoots', async () => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/`)
    await screenshotBothWidths(page, 'home')
    await page.getByRole('link', { name: 'Sign up' }).click()
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('e2e-password-1')
    await page.getByRole('button', { name: 'Create account' }).click()
    await finishSignUpInBrowser(page, {
      appUrl,
      mailboxUrl: inject('fakeMailboxUrl'),
      email,
      password: 'e2e-password-1',
    })
    await expect
      .poll(async () => page.getByTestId('balance').textContent(), { timeout: 15_000 })
      .toBe('3 shoots')
    await page.close()
  })

  it('filters to Wedding, picks a theme, uploads the photo, generates and watches three portraits arrive', async () => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/`)
    await page.getByRole('link', { name: 'Wedding', exact: true }).click()
    await expect.poll(() => page.locator('[data-testid^="package-"]').count()).toBe(1)
    await page.getByTestId('package-wedding-portraits').click()
    await page.getByRole('heading', { name: 'Wedding Portraits' }).waitFor()
    await page.locator('label.theme-card', { hasText: 'Garden Romance' }).click()
    await page.locator('input[type="file"]').setInputFiles(fixture)
    const generate = page.getByRole('button', { name: /Generate for 1 shoot/ })
    await expect.poll(() => generate.isEnabled(), { timeout: 20_000 }).toBe(true)
    await screenshotBothWidths(page, 'package')
    await generate.click()
    await page.waitForURL(/\/generations\/\d+$/, { timeout: 20_000 })
    generationUrl = page.url()
    await expect
      .poll(() => page.getByTestId('progress-text').textContent(), { timeout: 60_000 })
      .toMatch(/^100%/)
    await expect.poll(() => page.locator('.gallery-item img').count()).toBe(3)
    await screenshotBothWidths(page, 'generation')

    const downloadPromise = page.waitForEvent('download')
    await page.getByTestId('download-zip').click()
    const download = await downloadPromise
    const zip = readFileSync((await download.path()) as string)
    expect(zip.subarray(0, 2).toString()).toBe('PK')
    expect(zip.toString('latin1').match(/portrait-\d\.webp/g)?.length).toBeGreaterThanOrEqual(3)

    await page.getByRole('button', { name: '5 of 5' }).click()
    await page.getByTestId('rated').waitFor()
    await page.goto(`${appUrl}/account`)
    await expect.poll(() => page.getByTestId('account-balance').textContent()).toBe('2')
    await screenshotBothWidths(page, 'account')
    await page.close()
  })

  it('buys shoots: Stripe Checkout, the signed webhook, and the new balance', async () => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/packages/wedding-portraits`)
    await page.locator('label.tier-card', { hasText: 'Starter' }).click()
    await page.getByRole('button', { name: 'Buy shoots' }).click()
    await page.waitForURL(/\/c\/pay\/cs_test_/, { timeout: 20_000 })
    const sessionId = await payAndNotify(page.url())
    await page.goto(`${appUrl}/checkout/success?session_id=${sessionId}`)
    await expect.poll(() => page.getByTestId('new-balance').textContent(), { timeout: 20_000 }).toBe('12')
    await screenshotBothWidths(page, 'checkout-success')
    await page.close()
  })

  it('buys a bundle from the home page: one checkout, shoots for each package in it', async () => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/`)
    const bundle = page.getByTestId('bundle-engaged-to-married')
    await bundle.scrollIntoViewIfNeeded()
    await expect
      .poll(() => bundle.textContent())
      .toMatch(/20 shoots of Engagement.*25 shoots of Wedding Portraits/)
    await screenshotBothWidths(page, 'home-bundles')
    await bundle.getByRole('button', { name: 'Buy Engaged to Married' }).click()
    await page.waitForURL(/\/c\/pay\/cs_test_/, { timeout: 20_000 })
    const sessionId = await payAndNotify(page.url())
    await page.goto(`${appUrl}/checkout/success?session_id=${sessionId}`)
    await expect.poll(() => page.getByTestId('new-balance').textContent(), { timeout: 20_000 }).toBe('57')
    await page.goto(`${appUrl}/account`)
    await expect.poll(() => page.getByText('Bundle: 20 shoots for Engagement').count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('Engaged to Married bundle').count()).toBe(1)
    await page.close()
  })

  it("refuses another customer the first one's generation page and images", async () => {
    expect(generationUrl).toMatch(/\/generations\/\d+$/)
    const ownerPage = await context.newPage()
    await ownerPage.goto(generationUrl)
    const imageUrl = (await ownerPage.locator('.gallery-item img').first().getAttribute('src')) as string
    const downloadUrl = (await ownerPage
      .locator('.gallery-item a[href*="format=jpeg"]')
      .first()
      .getAttribute('href')) as string
    await ownerPage.close()

    const other = await browser.newContext()
    const page = await other.newPage()
    await signUpInBrowser(page, {
      appUrl,
      mailboxUrl: inject('fakeMailboxUrl'),
      email: `e2e-other-${Date.now()}@example.com`,
      password: 'e2e-password-2',
    })
    // The same 404 (status and page) as an id that does not exist.
    const refused = await page.goto(generationUrl)
    expect(refused?.status()).toBe(404)
    await page.getByRole('heading', { name: 'We could not find that page' }).waitFor()
    expect(await page.locator('.gallery-item').count()).toBe(0)
    await screenshotBothWidths(page, 'not-found')
    const image = await page.goto(new URL(imageUrl, appUrl).toString())
    expect([403, 404]).toContain(image?.status())
    // The browser's own request, with this customer's cookie.
    expect(
      await page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).status, downloadUrl),
    ).toBe(404)
    await other.close()
  })
})
