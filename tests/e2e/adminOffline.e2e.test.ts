import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium } from '../support/clients/browser'

const appUrl = inject('appUrl')
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

interface PackageDoc {
  id: number
  name: string
  isActive: boolean
  isFeatured: boolean
  settings: { premiumShootCost: number | null }
  generationInstructions: {
    prefix: string | null
    suffix: string | null
    avoid: string[] | null
    portraitTypes: { single: string | null; couple: string | null; family: string | null }
  }
  metadata: unknown
}

/**
 * The admin with every request to a host other than this machine refused, as on a studio laptop
 * offline or behind a strict firewall. Each refused request is recorded: none may even be tried.
 */
describe('an admin with the outside network refused', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const outside: string[] = []

  // Read back through the REST API from a page of the app: the browser's own session cookie.
  let apiPage: Page
  const api = async <T>(path: string): Promise<T> => {
    const { status, body } = await apiPage.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'include' })
      return { status: response.status, body: await response.json() }
    }, `/api${path}`)
    expect(status, path).toBe(200)
    return body as T
  }
  const packageBySlug = async (slug: string) =>
    (await api<{ docs: PackageDoc[] }>(`/photo-packages?where[slug][equals]=${slug}&depth=0`)).docs[0]

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (['http:', 'https:'].includes(url.protocol) && !LOOPBACK.has(url.hostname)) {
        outside.push(url.href)
        return route.abort('internetdisconnected')
      }
      return route.continue()
    })
    page = await context.newPage()
    await page.goto(`${appUrl}/admin/login`)
    await page.locator('#field-email').fill('admin@photo-packages.local')
    await page.locator('#field-password').fill('admin-demo-pass')
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })
    apiPage = await context.newPage()
    await apiPage.goto(`${appUrl}/api/users/me`)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('edits shoot settings, generation instructions and a JSON field, and they are saved', async () => {
    const wedding = await packageBySlug('wedding-portraits')
    await page.goto(`${appUrl}/admin/collections/photo-packages/${wedding.id}`)
    await page.locator('#field-name').waitFor({ timeout: 30_000 })

    // Generation instructions are plain fields now: two texts, an avoid list and a line per portrait type.
    await page.locator('#field-generationInstructions__prefix').fill('Fine-art wedding photography.')
    await page.locator('#field-generationInstructions__suffix').fill('Soft natural light, {packageName}.')
    await page.locator('#field-generationInstructions__portraitTypes__couple').fill('Both faces in focus.')
    const avoid = page.locator('.field-generationInstructions__avoid')
    // The seeded phrases go, one Backspace each, as a keyboard user would clear them.
    await avoid.locator('input').click()
    const phrases = avoid.locator('.rs__multi-value')
    for (let left = await phrases.count(); left > 0; left--) {
      await page.keyboard.press('Backspace')
      await expect.poll(() => phrases.count()).toBe(left - 1)
    }
    await avoid.locator('input').fill('harsh flash')
    await page.keyboard.press('Enter')
    await avoid.locator('input').fill('watermarks')
    await page.keyboard.press('Enter')

    // Shoot settings: a number with its limits, refused naming the field when out of range.
    await page
      .locator('.collapsible', { has: page.locator('.row-label', { hasText: /^Settings$/ }) })
      .locator('.collapsible__toggle')
      .first()
      .click()
    const premium = page.locator('#field-settings__premiumShootCost')
    await premium.fill('11')
    await page.getByRole('button', { name: 'Save' }).first().click()
    await expect
      .poll(() => page.getByText('Premium shoot cost', { exact: false }).filter({ hasText: '10' }).count())
      .toBeGreaterThan(0)
    await premium.fill('3')

    // The remaining JSON field: its editor is Monaco, loaded from this app, not a grey placeholder.
    const metadata = page.locator('#field-metadata')
    await metadata.locator('.monaco-editor .view-lines').waitFor({ timeout: 30_000 })
    await page.evaluate(() => {
      const monaco = (window as unknown as { monaco: MonacoGlobal }).monaco
      const editor = monaco.editor
        .getEditors()
        .find((candidate) => candidate.getContainerDomNode().closest('#field-metadata'))
      editor?.setValue('{ "campaign": "spring", "shelf": 2 }')
    })
    await expect.poll(() => metadata.locator('.view-lines').textContent()).toContain('campaign')

    await page.getByRole('button', { name: 'Save' }).first().click()
    await expect
      .poll(async () => (await packageBySlug('wedding-portraits')).settings.premiumShootCost, {
        timeout: 15_000,
      })
      .toBe(3)
    const saved = await packageBySlug('wedding-portraits')
    expect(saved.generationInstructions).toMatchObject({
      prefix: 'Fine-art wedding photography.',
      suffix: 'Soft natural light, {packageName}.',
      avoid: ['harsh flash', 'watermarks'],
      portraitTypes: { couple: 'Both faces in focus.' },
    })
    expect(saved.metadata).toEqual({ campaign: 'spring', shelf: 2 })
    // Read back after a reload too: the form shows what was stored.
    await page.reload()
    await expect
      .poll(() => page.locator('#field-generationInstructions__prefix').inputValue(), { timeout: 30_000 })
      .toBe('Fine-art wedding photography.')
    expect(outside).toEqual([])

    // Put Wedding back as the seed made it: the other browser tests price and prompt with it.
    const restored = await page.evaluate(
      async ({ id, body }) =>
        (
          await fetch(`/api/photo-packages/${id}`, {
            method: 'PATCH',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      {
        id: wedding.id,
        body: {
          settings: { premiumShootCost: wedding.settings.premiumShootCost },
          generationInstructions: wedding.generationInstructions,
          metadata: wedding.metadata ?? null,
        },
      },
    )
    expect(restored).toBe(200)
  })

  it('switches a package off and on and features it from the list, asking before a live one goes dark', async () => {
    const before = await packageBySlug('wedding-portraits')
    expect(before.isActive).toBe(true)
    await page.goto(`${appUrl}/admin/collections/photo-packages?search=Wedding%20Portraits`)
    const active = page.getByTestId(`isActive-${before.id}`)
    const featured = page.getByTestId(`isFeatured-${before.id}`)
    await active.waitFor({ timeout: 30_000 })
    // Badges, not true/false; theme counts say how many are active (and out of season, if any).
    expect(await active.locator('.pp-badge').textContent()).toBe('Active')
    const row = page.locator('tr', { has: active })
    expect(await row.textContent()).toMatch(/\d+ of \d+ active/)
    expect(await row.getByTestId('catalog-status').textContent()).toBe('Live')

    const questions: string[] = []
    let answer = false
    const onDialog = (dialog: {
      message: () => string
      accept: () => Promise<void>
      dismiss: () => Promise<void>
    }) => {
      questions.push(dialog.message())
      void (answer ? dialog.accept() : dialog.dismiss())
    }
    page.on('dialog', onDialog)
    await active.getByRole('button', { name: 'Deactivate' }).click()
    expect(questions).toHaveLength(1)
    expect(questions[0]).toContain('is live: customers can see and buy it now')
    expect((await packageBySlug('wedding-portraits')).isActive).toBe(true)

    answer = true
    await active.getByRole('button', { name: 'Deactivate' }).click()
    await expect.poll(() => active.locator('.pp-badge').textContent(), { timeout: 15_000 }).toBe('Inactive')
    expect((await packageBySlug('wedding-portraits')).isActive).toBe(false)
    await expect
      .poll(() => row.getByTestId('catalog-status').textContent(), { timeout: 15_000 })
      .toContain('Hidden')

    // Switching on asks nothing.
    await active.getByRole('button', { name: 'Activate' }).click()
    await expect.poll(() => active.locator('.pp-badge').textContent(), { timeout: 15_000 }).toBe('Active')
    expect(questions).toHaveLength(2)
    expect((await packageBySlug('wedding-portraits')).isActive).toBe(true)

    const wasFeatured = before.isFeatured
    await featured.getByRole('button', { name: wasFeatured ? 'Unfeature' : 'Feature' }).click()
    await expect
      .poll(async () => (await packageBySlug('wedding-portraits')).isFeatured, { timeout: 15_000 })
      .toBe(!wasFeatured)
    await featured.getByRole('button', { name: wasFeatured ? 'Feature' : 'Unfeature' }).click()
    await expect
      .poll(async () => (await packageBySlug('wedding-portraits')).isFeatured, { timeout: 15_000 })
      .toBe(wasFeatured)
    page.off('dialog', onDialog)
    expect(outside).toEqual([])
  })

  it("shows each customer's balances in the credit adjustment's picker and says the message is the customer's", async () => {
    const wedding = await packageBySlug('wedding-portraits')
    await page.goto(`${appUrl}/admin/collections/credit-adjustments/create`)
    await page.locator('#field-user .rs__control').waitFor({ timeout: 30_000 })
    expect(await page.getByText("Shown word for word in the customer's shoot history").count()).toBe(1)

    const pick = async () => {
      await page.locator('#field-user .rs__control').click()
      await page.keyboard.type('customer@photo-packages')
      const option = page.locator('.rs__option', { hasText: 'customer@photo-packages.local' }).first()
      await option.waitFor({ timeout: 15_000 })
      return option
    }
    const option = await pick()
    expect(await option.textContent()).toMatch(/^customer@photo-packages\.local — (.+|no shoots)$/)
    const before = (await option.textContent()) ?? ''
    await option.click()
    await page.locator('#field-wallet .rs__control').click()
    await page.keyboard.type('Wedding Portraits')
    await page.locator('.rs__option', { hasText: 'Wedding Portraits' }).first().click()
    await page.locator('#field-amount').fill('2')
    await page.locator('#field-reason').fill('Goodwill for a shoot that failed')
    await page.getByRole('button', { name: 'Save' }).first().click()
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 })
    // The adjustment is titled by customer and amount, and the picker now counts the new shoots.
    expect(await page.locator('h1').first().textContent()).toContain('customer@photo-packages.local')
    await page.goto(`${appUrl}/admin/collections/credit-adjustments/create`)
    const after = await pick()
    expect(await after.textContent()).not.toBe(before)
    expect(await after.textContent()).toMatch(/ — \d+ Wedding Portraits/)
    expect(wedding.id).toBeGreaterThan(0)
    expect(outside).toEqual([])
  })
})

interface MonacoGlobal {
  editor: {
    getEditors: () => { getContainerDomNode: () => HTMLElement; setValue: (value: string) => void }[]
  }
}
