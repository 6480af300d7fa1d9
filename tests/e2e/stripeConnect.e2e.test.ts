import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium } from '../support/clients/browser'

const appUrl = inject('appUrl')
const fakeStripeUrl = inject('fakeStripeUrl')

/**
 * Stripe Connect onboarding from the admin (issue 24): on a studio's edit page a platform admin
 * presses "Connect with Stripe" and lands on the (fake) Stripe onboarding page; coming back on the
 * return URL the page reads the account again and says it is not ready yet. The studio is made for
 * this file, so the default studio keeps selling on the platform account for the other files.
 */
describe('a platform admin connects a studio to Stripe', () => {
  let browser: Browser
  let studioId = 0

  beforeAll(async () => {
    const login = await fetch(`${appUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'admin-demo-pass' }),
    })
    const { token } = await login.json()
    const run = Date.now().toString(36)
    const created = await fetch(`${appUrl}/api/studios`, {
      method: 'POST',
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Connect E2E ${run}`, slug: `connect-e2e-${run}` }),
    })
    expect(created.status).toBe(201)
    studioId = (await created.json()).doc.id
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('goes to Stripe onboarding from the studio page, and the return page reads the account', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(`${appUrl}/admin/login`)
    await page.locator('#field-email').fill('admin@photo-packages.local')
    await page.locator('#field-password').fill('admin-demo-pass')
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })

    await page.goto(`${appUrl}/admin/collections/studios/${studioId}`)
    await expect
      .poll(() => page.getByText('Connect a Stripe account so this studio can take payments.').count(), {
        timeout: 30_000,
      })
      .toBe(1)
    await page.getByRole('button', { name: 'Connect with Stripe' }).click()
    await page.waitForURL((url) => url.href.startsWith(`${fakeStripeUrl}/setup/e/acct_`), { timeout: 30_000 })
    expect(await page.locator('h1').textContent()).toBe('Fake Stripe onboarding')

    // Stripe sends the owner back to the studio page; it reads the account's readiness again.
    await page.goto(`${appUrl}/admin/collections/studios/${studioId}?stripe=return`)
    await expect
      .poll(() => page.getByText('Stripe account status updated.').count(), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => page.getByText(/is not ready to take payments yet/).count(), { timeout: 30_000 })
      .toBe(1)
    await expect.poll(() => page.getByRole('button', { name: 'Continue Stripe onboarding' }).count()).toBe(1)
  })
})
