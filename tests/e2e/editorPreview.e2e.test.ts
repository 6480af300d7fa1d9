import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'

const appUrl = inject('appUrl')

/** An editor tunes a theme in the Payload admin and sees the draft in the live preview before saving. */
describe('an editor in the admin panel', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('changes a theme name and setting prompt and the live preview shows both before saving', async () => {
    const themes = await (await fetch(`${appUrl}/api/packages/wedding-portraits/themes`)).json()
    const theme = themes.themes.find((t: { name: string }) => t.name === 'Garden Romance')
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(`${appUrl}/admin/login`)
    await page.locator('#field-email').fill('editor@photo-packages.local')
    await page.locator('#field-password').fill('editor-demo-pass')
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })
    // Customers' records are for admins: an editor's nav has no entry that would only open an empty list.
    await page
      .locator('nav a[href="/admin/collections/package-themes"]')
      .first()
      .waitFor({ state: 'attached' })
    for (const slug of ['photo-uploads', 'generations', 'generation-results', 'credit-ledger', 'purchases']) {
      expect(await page.locator(`nav a[href="/admin/collections/${slug}"]`).count(), slug).toBe(0)
    }

    await page.goto(`${appUrl}/admin/collections/package-themes/${theme.id}`)
    await page.locator('#field-name').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Live Preview' }).click()
    const preview = page.frameLocator('iframe').first()
    // The preview window may be scrolled out of the admin's viewport: attached is enough to read it.
    await preview.getByTestId('preview-theme-name').waitFor({ state: 'attached', timeout: 30_000 })

    await page.locator('#field-name').fill('Garden Romance Deluxe')
    await page.locator('#field-settingPrompt').fill('a lavender field at dusk for a {portraitType} portrait')
    await expect
      .poll(() => preview.getByTestId('preview-theme-name').textContent(), { timeout: 20_000 })
      .toContain('Garden Romance Deluxe')
    await expect
      .poll(() => preview.getByTestId('preview-prompt-single').textContent(), { timeout: 20_000 })
      .toContain('a lavender field at dusk for a single portrait')
    await screenshotBothWidths(page, 'editor-live-preview')

    // Nothing was saved: the public catalog still has the old name.
    const after = await (await fetch(`${appUrl}/api/packages/wedding-portraits/themes`)).json()
    expect(after.themes.map((t: { name: string }) => t.name)).toContain('Garden Romance')
    await page.close()
  })

  it('keeps the preview route, with its prompts, away from customers and visitors', async () => {
    const themes = await (await fetch(`${appUrl}/api/packages/wedding-portraits/themes`)).json()
    const page = await browser.newPage()
    await page.goto(`${appUrl}/preview/themes/${themes.themes[0].id}`)
    await page.getByRole('heading', { name: 'We could not find that page' }).waitFor()
    expect(await page.locator('[data-testid^="preview-prompt"]').count()).toBe(0)
    await page.close()
  })
})
