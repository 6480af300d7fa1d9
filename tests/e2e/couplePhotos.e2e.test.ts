import path from 'node:path'

import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'
import { signUpInBrowser } from '../support/clients/signUp'

const appUrl = inject('appUrl')
const fixtures = path.resolve(import.meta.dirname, '../fixtures')

/** A couple with two separate photos (one an iPhone HEIC), through the site, with the offline renderer. */
describe('a couple shoot from two photos in the browser', () => {
  let browser: Browser
  let context: BrowserContext

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('says why Generate waits, drops a refused file, takes two photos with roles and order, and makes a high-quality shoot', async () => {
    const page = await context.newPage()
    await signUpInBrowser(page, {
      appUrl,
      mailboxUrl: inject('fakeMailboxUrl'),
      email: `e2e-couple-${Date.now()}@example.com`,
      password: 'e2e-password-1',
    })
    await expect
      .poll(async () => page.getByTestId('balance').textContent(), { timeout: 15_000 })
      .toBe('3 shoots')

    await page.goto(`${appUrl}/packages/wedding-portraits`)
    const blocker = page.getByTestId('generate-blocker')
    await expect.poll(() => blocker.textContent()).toBe('Choose a theme first.')
    await page.locator('label.theme-card', { hasText: 'Garden Romance' }).click()
    await expect.poll(() => blocker.textContent()).toBe('Upload a photo first.')
    await page.getByRole('radio', { name: 'Couple' }).check()
    await expect
      .poll(() => page.getByTestId('portrait-type-note').textContent())
      .toContain('must show both of you')

    // A refused file leaves nothing behind: no preview, no photo in the shoot.
    const input = page.locator('input[type="file"]')
    await input.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a photo'),
    })
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('"notes.txt" was not added')
    expect(await page.getByTestId('reference-item').count()).toBe(0)
    expect(await blocker.textContent()).toBe('Upload a photo first.')

    // Two separate photos, one of them an iPhone HEIC: person 1 and person 2.
    // Two different people (two photos of one person are refused as a couple).
    await input.setInputFiles([
      path.join(fixtures, 'faces', 'hopper.jpg'),
      path.join(fixtures, 'portrait.heic'),
    ])
    await expect.poll(() => page.getByTestId('reference-item').count(), { timeout: 60_000 }).toBe(2)
    const roles = () =>
      page
        .locator('[data-testid="reference-item"] select')
        .evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value))
    expect(await roles()).toEqual(['person-1', 'person-2'])
    await page.getByRole('button', { name: 'Move photo 2 up' }).click()
    expect(await page.locator('[data-testid="reference-item"] img').first().getAttribute('alt')).toBe(
      'Photo 1: portrait.heic',
    )
    await page.getByLabel('Who photo 1 shows').selectOption('person-1')
    await page.getByLabel('Who photo 2 shows').selectOption('person-2')
    expect(await roles()).toEqual(['person-1', 'person-2'])

    // High quality: the page says what it costs before the customer confirms.
    await page.getByTestId('quality').selectOption('high')
    await expect
      .poll(() => page.getByTestId('shoot-cost').textContent())
      .toContain('Costs 2 shoots (1 × 2 for high quality)')
    const generate = page.getByRole('button', { name: 'Generate for 2 shoots' })
    await expect.poll(() => generate.isEnabled()).toBe(true)
    await screenshotBothWidths(page, 'package-couple-photos')
    await generate.click()
    await page.waitForURL(/\/generations\/\d+$/, { timeout: 20_000 })
    await expect
      .poll(() => page.getByTestId('shoot-facts').textContent())
      .toBe('High quality · from 2 photos')
    await expect
      .poll(() => page.getByTestId('progress-text').textContent(), { timeout: 120_000 })
      .toMatch(/^100%/)
    await expect.poll(() => page.locator('.gallery-item img').count()).toBe(3)
    // The e2e app runs the real Gemini SDK against the local fake: high quality asks the high model at 2K.
    expect(await page.getByTestId('portrait-model').first().textContent()).toContain(
      'gemini-3-pro-image at 2K',
    )
    await screenshotBothWidths(page, 'generation-couple')
    await page.goto(`${appUrl}/account`)
    await expect.poll(() => page.getByTestId('account-balance').textContent()).toBe('1')
    await page.close()
  })
})
