import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'

const appUrl = inject('appUrl')

const save = async (page: Page) => {
  await page.getByRole('button', { name: 'Save' }).first().click()
  await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 })
}

const pickRelationship = async (page: Page, field: string, label: string) => {
  await page.locator(`#field-${field} .rs__control`).click()
  await page.keyboard.type(label)
  await page.locator('.rs__option', { hasText: label }).first().click()
}

/**
 * An admin builds a package in the Payload admin UI. It starts switched off (the admin says why it is
 * hidden); once switched on with a theme and a tier the public site shows it at once, and hides it again
 * when switched off.
 */
describe('an admin in the admin panel', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('creates a package with a theme and a tier, switches it on, sees it on the home page, then switches it off', async () => {
    const name = `Studio Pets ${Date.now()}`
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(`${appUrl}/admin/login`)
    await page.locator('#field-email').fill('admin@photo-packages.local')
    await page.locator('#field-password').fill('admin-demo-pass')
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })

    await page.goto(`${appUrl}/admin/collections/photo-packages/create`)
    await page.locator('#field-name').fill(name)
    await page.locator('#field-description').fill('Portraits of you and your pets.')
    await save(page)
    const packageUrl = page.url()
    // A new package starts hidden, and the admin says why.
    await expect
      .poll(() => page.locator('#field-catalogStatus').inputValue(), { timeout: 15_000 })
      .toBe('Hidden: switched off; no active theme; no active tier')

    await page.goto(`${appUrl}/admin/collections/package-themes/create`)
    await pickRelationship(page, 'package', name)
    await page.locator('#field-name').fill('Cosy Sofa')
    await page
      .locator('#field-settingPrompt')
      .fill('a cosy living room sofa with soft blankets for a {portraitType} portrait')
    await save(page)

    await page.goto(`${appUrl}/admin/collections/package-pricing-tiers/create`)
    await pickRelationship(page, 'package', name)
    await page.locator('#field-name').fill('Pet Pack')
    await page.locator('#field-shootsCount').fill('5')
    // Staff type dollars; the tier stores cents. "4,50" is not taken: the box says what it wants.
    await page.locator('#field-priceCents').fill('4,50')
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Dollars and cents, like 9.99' }).count())
      .toBe(1)
    await page.locator('#field-priceCents').fill('4.50')
    await save(page)
    await expect.poll(() => page.locator('#field-priceCents').inputValue(), { timeout: 15_000 }).toBe('4.50')

    // Staff switch it on once it has a theme and a tier.
    await page.goto(packageUrl)
    await expect
      .poll(() => page.locator('#field-catalogStatus').inputValue(), { timeout: 15_000 })
      .toBe('Hidden: switched off')
    // The package's own themes and tiers tables name the rows, not "<No Package>".
    await expect
      .poll(() => page.locator('.relationship-table').filter({ hasText: 'Cosy Sofa' }).count(), {
        timeout: 15_000,
      })
      .toBe(1)
    await expect
      .poll(() => page.locator('.relationship-table').filter({ hasText: 'Pet Pack' }).count())
      .toBe(1)
    expect(await page.getByText('<No Package>').count()).toBe(0)
    await page.locator('#field-isActive').check()
    await page.getByRole('button', { name: 'Save' }).first().click()
    await expect
      .poll(() => page.locator('#field-catalogStatus').inputValue(), { timeout: 15_000 })
      .toBe('Live')
    // The admin nav has the customers' records (an editor's does not: editorPreview).
    expect(await page.locator('nav a[href="/admin/collections/credit-ledger"]').count()).toBe(1)

    const home = await browser.newPage()
    await home.goto(`${appUrl}/`)
    const card = home.locator('article.package-card', { hasText: name })
    await card.waitFor({ timeout: 15_000 })
    expect(await card.textContent()).toContain('Cosy Sofa')
    expect(await card.textContent()).toContain('From $0.90 per shoot')
    await screenshotBothWidths(home, 'home-with-admin-package')

    // Switching off a live package asks first; cancelled, it stays on.
    await page.goto(packageUrl)
    await expect
      .poll(() => page.locator('#field-catalogStatus').inputValue(), { timeout: 15_000 })
      .toBe('Live')
    const questions: string[] = []
    let answer = false
    page.on('dialog', (dialog) => {
      questions.push(dialog.message())
      void (answer ? dialog.accept() : dialog.dismiss())
    })
    await page.locator('#field-isActive').click()
    expect(questions).toEqual([
      `“${name}” is live: customers can see and buy it now. Switch it off and hide it, and any bundle with it, from the site?`,
    ])
    expect(await page.locator('#field-isActive').isChecked()).toBe(true)
    answer = true
    await page.locator('#field-isActive').uncheck()
    expect(questions).toHaveLength(2)
    await page.getByRole('button', { name: 'Save' }).first().click()
    await expect.poll(async () => (await page.locator('#field-isActive').isChecked()) === false).toBe(true)
    await expect
      .poll(
        async () => {
          await home.goto(`${appUrl}/`)
          return home.locator('article.package-card', { hasText: name }).count()
        },
        { timeout: 15_000 },
      )
      .toBe(0)
    await page.close()
    await home.close()
  })
})
