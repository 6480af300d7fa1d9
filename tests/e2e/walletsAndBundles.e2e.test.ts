import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'
import { payAndNotify } from '../support/clients/stripeCheckout'
import { signUpInBrowser } from '../support/clients/signUp'

const appUrl = inject('appUrl')
const fixture = path.resolve(import.meta.dirname, '../fixtures/portrait.jpg')

const pickRelationship = async (page: Page, selector: string, label: string) => {
  await page.locator(`${selector} .rs__control`).click()
  await page.keyboard.type(label)
  await page.locator('.rs__option', { hasText: label }).first().click()
}

/**
 * Offers that tell the truth, in Chromium against the production build: an admin builds a bundle
 * and reads the saving the app computes from the tiers it replaces (customers see the same); a
 * customer buys a Wedding pack and sees that those shoots work on Wedding Portraits only.
 */
describe('shoots belong to the package they were bought for', () => {
  let browser: Browser
  const bundleName = `Wedding and Engagement ${Date.now()}`

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('an admin builds a bundle and sees the computed saving, and customers see the same', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(`${appUrl}/admin/login`)
    await page.locator('#field-email').fill('admin@photo-packages.local')
    await page.locator('#field-password').fill('admin-demo-pass')
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })

    await page.goto(`${appUrl}/admin/collections/package-bundles/create`)
    await page.locator('#field-name').fill(bundleName)
    // 10 Wedding shoots (the Starter tier: $4.99) and 8 Engagement shoots (Sweet: $3.99) for $7.99.
    for (const [index, [pkg, shoots]] of [
      ['Wedding Portraits', '10'],
      ['Engagement', '8'],
    ].entries()) {
      await page.getByRole('button', { name: 'Add Package' }).first().click()
      await pickRelationship(page, `#field-items__${index}__package`, pkg)
      await page.locator(`#field-items__${index}__shoots`).fill(shoots)
    }
    await page.locator('#field-priceCents').fill('7.99')
    // A typed saving is refused: the saving is computed.
    await page.locator('#field-badge').fill('SAVE 50%')
    await page.getByRole('button', { name: 'Save' }).first().click()
    await expect
      .poll(() => page.getByText('the badge cannot claim one').count(), { timeout: 45_000 })
      .toBeGreaterThan(0)
    await page.locator('#field-badge').fill('FOR THE BIG YEAR')
    await page.getByRole('button', { name: 'Save' }).first().click()
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 })

    // $4.99 + $3.99 = $8.98 as tiers: the bundle saves 11%. A shoot costs more than in Wedding's
    // 75-shoot tier, and the admin is told.
    const value = page.locator('#field-value')
    await expect
      .poll(() => value.inputValue(), { timeout: 45_000 })
      .toContain('The same shoots as tiers: $8.98. Saving shown to customers: 11%.')
    expect(await value.inputValue()).toContain(
      'Warning: A shoot costs $0.44 here; the best-value Wedding Portraits tier sells one for $0.33.',
    )
    await screenshotBothWidths(page, 'admin-bundle-value')

    const home = await browser.newPage()
    await home.goto(`${appUrl}/`)
    const card = home.locator('article.bundle-card', { hasText: bundleName })
    await card.scrollIntoViewIfNeeded({ timeout: 45_000 })
    expect(await card.getByTestId('bundle-saving').textContent()).toBe('Save 11%')
    expect(await card.locator('s').textContent()).toBe('$8.98')
    await screenshotBothWidths(home, 'home-bundle-saving')
    await home.close()
    await page.close()
  })

  it('a customer buys a Wedding pack and sees the shoots work on Wedding Portraits only', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signUpInBrowser(page, {
      appUrl,
      mailboxUrl: inject('fakeMailboxUrl'),
      email: `e2e-wallets-${Date.now()}@example.com`,
      password: 'e2e-password-3',
    })
    await expect
      .poll(async () => page.getByTestId('balance').textContent(), { timeout: 45_000 })
      .toBe('3 shoots')

    await page.goto(`${appUrl}/packages/wedding-portraits`)
    await page.locator('label.tier-card', { hasText: 'Starter' }).click()
    await page.getByRole('button', { name: 'Buy shoots' }).click()
    await page.waitForURL(/\/c\/pay\/cs_test_/, { timeout: 20_000 })
    const sessionId = await payAndNotify(page.url())
    await page.goto(`${appUrl}/checkout/success?session_id=${sessionId}`)
    await expect.poll(() => page.getByTestId('new-balance').textContent(), { timeout: 20_000 }).toBe('13')
    expect(await page.getByTestId('new-wallets').textContent()).toBe(
      '10 Wedding Portraits shoots and 3 shoots for any package',
    )
    await page.reload()
    await expect
      .poll(() => page.getByTestId('header-wallets').textContent())
      .toBe('10 Wedding Portraits · 3 any package')

    // On Wedding Portraits all 13 count.
    await page.goto(`${appUrl}/packages/wedding-portraits`)
    expect(await page.getByTestId('package-balance').textContent()).toContain(
      'You have 10 Wedding Portraits shoots and 3 shoots for any package.',
    )
    expect(await page.getByTestId('form-balance').textContent()).toBe('13')

    // On Professional Headshots only the 3 for any package do: a premium theme at high quality (4) waits.
    await page.goto(`${appUrl}/packages/professional-headshots`)
    expect(await page.getByTestId('package-balance').textContent()).toContain(
      'You have 3 shoots for any package.',
    )
    expect(await page.getByTestId('form-balance').textContent()).toBe('3')
    await page.locator('label.theme-card', { hasText: 'Creative Agency' }).click()
    await page.locator('input[type="file"]').setInputFiles(fixture)
    await expect.poll(() => page.getByTestId('reference-item').count(), { timeout: 30_000 }).toBe(1)
    await page.getByTestId('quality').selectOption('high')
    await expect
      .poll(() => page.getByTestId('generate-blocker').textContent())
      .toBe('You need 4 shoots and have 3 for Professional Headshots. Buy a shoot pack below.')
    expect(await page.getByRole('button', { name: 'Generate for 4 shoots' }).isDisabled()).toBe(true)
    await screenshotBothWidths(page, 'package-other-wallet')

    // The same shoot on Wedding Portraits goes ahead, from the Wedding shoots.
    await page.goto(`${appUrl}/packages/wedding-portraits`)
    await page.locator('label.theme-card', { hasText: 'Royal Palace' }).click()
    await page.locator('input[type="file"]').setInputFiles(fixture)
    await page.getByTestId('quality').selectOption('high')
    const generate = page.getByRole('button', { name: 'Generate for 4 shoots' })
    await expect.poll(() => generate.isEnabled(), { timeout: 30_000 }).toBe(true)
    await generate.click()
    await page.waitForURL(/\/generations\/\d+$/, { timeout: 20_000 })

    await page.goto(`${appUrl}/account`)
    await expect.poll(() => page.getByTestId('account-balance').textContent()).toBe('9')
    const wallets = page.getByTestId('account-wallets')
    expect(
      (await wallets.locator('li').allTextContents()).map((line) => line.replace(/\s+/g, ' ').trim()),
    ).toEqual(['6 for Wedding Portraits only', '3 for any package'])
    await screenshotBothWidths(page, 'account-wallets')
    await context.close()
  })
})
