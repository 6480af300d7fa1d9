import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'
import { signUpInBrowser } from '../support/clients/signUp'

const appUrl = inject('appUrl')
const fakeGeminiUrl = inject('fakeGeminiUrl')
const fixtures = path.resolve(import.meta.dirname, '../fixtures')

/**
 * Issue 23 in the browser: every portrait carries a likeness mark, and a portrait of someone else
 * (the fake Gemini told to draw Grace Hopper for the customer) is made again, then refunded, and
 * the gallery says why.
 */
describe('likeness marks in the gallery', () => {
  let browser: Browser
  let context: BrowserContext

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('signs up with the trial shoots', async () => {
    const page = await context.newPage()
    await signUpInBrowser(page, {
      appUrl,
      mailboxUrl: inject('fakeMailboxUrl'),
      email: `e2e-likeness-${Date.now()}@example.com`,
      password: 'e2e-password-1',
    })
    await expect
      .poll(async () => page.getByTestId('balance').textContent(), { timeout: 15_000 })
      .toBe('3 shoots')
    await page.close()
  })

  /** Picks Garden Romance, uploads the customer's photo, generates, and waits for the shoot to close. */
  const shoot = async (): Promise<Page> => {
    const page = await context.newPage()
    await page.goto(`${appUrl}/packages/wedding-portraits`)
    await page.locator('label.theme-card', { hasText: 'Garden Romance' }).click()
    await page.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'portrait.jpg'))
    const generate = page.getByRole('button', { name: /Generate for 1 shoot/ })
    await expect.poll(() => generate.isEnabled(), { timeout: 30_000 }).toBe(true)
    await generate.click()
    await page.waitForURL(/\/generations\/\d+$/, { timeout: 20_000 })
    await expect
      .poll(() => page.getByTestId('progress-text').textContent(), { timeout: 90_000 })
      .toMatch(/^100%/)
    return page
  }

  it('marks each portrait of the customer with its likeness', async () => {
    const page = await shoot()
    const marks = page.locator('[data-testid^="likeness-mark-"]')
    await expect.poll(() => marks.count(), { timeout: 20_000 }).toBe(3)
    for (const text of await marks.allTextContents()) {
      const percent = Number(/Likeness (\d+)%/.exec(text)?.[1])
      expect(percent, text).toBeGreaterThanOrEqual(70)
      expect(text).toContain('✓')
    }
    await page.close()
  })

  it('says why a portrait that showed someone else was refunded', async () => {
    const stranger = readFileSync(path.join(fixtures, 'faces/hopper-portrait.jpg')).toString('base64')
    // The next call draws a stranger, then two draw the customer, then the free retry a stranger again.
    const queued = await fetch(`${fakeGeminiUrl}/fake/enqueue`, {
      method: 'POST',
      body: JSON.stringify([
        { kind: 'image', portrait: stranger },
        { kind: 'image' },
        { kind: 'image' },
        { kind: 'image', portrait: stranger },
      ]),
    })
    expect(queued.status).toBe(200)
    const page = await shoot()
    await expect.poll(() => page.locator('.gallery-item img').count(), { timeout: 20_000 }).toBe(2)
    const refunded = page.locator('.likeness-refunded')
    await expect.poll(() => refunded.count()).toBe(1)
    expect(await refunded.textContent()).toMatch(/^Likeness \d+% Refunded$/)
    const card = page.locator('.gallery-item', { has: refunded })
    expect(await card.locator('.gallery-placeholder').textContent()).toBe('Not like you: refunded')
    expect(await card.textContent()).toMatch(
      /did not look enough like you \(likeness \d+%, we need 70%\), even after making it again\. Its share of the shoot was refunded\./,
    )
    await expect
      .poll(() => page.locator('body').textContent())
      .toMatch(
        /1 of 3 portraits did not look enough like you, even after making it again: 1 shoot returned to your wallet\./,
      )
    await screenshotBothWidths(page, 'likeness-refund')
    // The trial's 3 shoots: 1 spent on the first shoot, this one's returned.
    await page.reload()
    await expect.poll(() => page.getByTestId('balance').textContent(), { timeout: 15_000 }).toBe('2 shoots')
    await page.close()
  })
  it("shows the editor each test render's likeness in the prompt lab: kept for the sample's face, lost for someone else", async () => {
    const themes = await (await fetch(`${appUrl}/api/packages/wedding-portraits/themes`)).json()
    const theme = themes.themes.find((t: { name: string }) => t.name === 'Garden Romance')
    const stranger = readFileSync(path.join(fixtures, 'faces/hopper-portrait.jpg')).toString('base64')
    const editor = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    const page = await editor.newPage()
    await page.goto(`${appUrl}/admin/login`)
    await page.locator('#field-email').fill('editor@photo-packages.local')
    await page.locator('#field-password').fill('editor-demo-pass')
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })
    await page.goto(`${appUrl}/admin/collections/package-themes/${theme.id}`)
    const lab = page.getByTestId('prompt-lab')
    await lab.waitFor({ timeout: 30_000 })
    const lines = lab.getByTestId('test-render-likeness')
    const before = await lines.count()
    const render = async () => {
      await lab.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'portrait.jpg'))
      await lab.getByRole('button', { name: 'Test render' }).click()
    }
    // The newest render is listed first.
    await render()
    await expect.poll(() => lines.count(), { timeout: 90_000 }).toBe(before + 1)
    expect(await lines.first().textContent()).toMatch(/^Likeness \d+% \(kept: needs 70%\) · 1 of 1 faces$/)
    const queued = await fetch(`${fakeGeminiUrl}/fake/enqueue`, {
      method: 'POST',
      body: JSON.stringify([{ kind: 'image', portrait: stranger }]),
    })
    expect(queued.status).toBe(200)
    await render()
    await expect.poll(() => lines.count(), { timeout: 90_000 }).toBe(before + 2)
    const lost = await lines.first().textContent()
    expect(lost).toMatch(/^Likeness \d+% \(lost: needs 70%\) · 1 of 1 faces$/)
    expect(Number(/Likeness (\d+)%/.exec(lost ?? '')?.[1])).toBeLessThan(70)
    await screenshotBothWidths(page, 'prompt-lab-likeness')
    await editor.close()
  })
})
