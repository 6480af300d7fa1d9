import path from 'node:path'

import pg from 'pg'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotBothWidths } from '../support/clients/browser'
import { signUpInBrowser } from '../support/clients/signUp'

const appUrl = inject('appUrl')
const fixtures = path.resolve(import.meta.dirname, '../fixtures')
const RETIRED = 'gemini-3-pro-image-preview'

const signInAdmin = async (page: Page) => {
  await page.goto(`${appUrl}/admin/login`)
  await page.locator('#field-email').fill('admin@photo-packages.local')
  await page.locator('#field-password').fill('admin-demo-pass')
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })
}

/**
 * Google shut a model down (issue 21): a package still set to its id shows on the admin dashboard
 * as a red banner naming the model and the package, and a customer's shoot on it is refused before
 * any shoot is held. The app runs the real Gemini SDK against the fake Gemini, which answers 404
 * NOT_FOUND for the retired id; the catalogue row says retired.
 */
describe('a package left on a retired image model', () => {
  let browser: Browser
  let db: pg.Client
  let token: string
  let packageId: number
  const stamp = Date.now()
  const name = `Retired Model Studio ${stamp}`
  const slug = `retired-model-studio-${stamp}`

  const api = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${appUrl}${url}`, {
      method,
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: await response.json() }
  }

  beforeAll(async () => {
    const login = await fetch(`${appUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'admin-demo-pass' }),
    })
    token = (await login.json()).token
    const created = await api('POST', '/api/photo-packages', {
      name,
      slug,
      category: 'professional',
      imagesPerGeneration: 1,
      isActive: true,
    })
    expect(created.status).toBe(201)
    packageId = created.body.doc.id
    const theme = await api('POST', '/api/package-themes', {
      package: packageId,
      name: 'Grey backdrop',
      settingPrompt: 'in front of a plain grey studio backdrop',
    })
    expect(theme.status).toBe(201)
    // A package is listed only with a tier on sale.
    const tier = await api('POST', '/api/package-pricing-tiers', {
      package: packageId,
      name: 'Starter',
      shootsCount: 5,
      priceCents: 1999,
      isDefault: true,
    })
    expect(tier.status, JSON.stringify(tier.body)).toBe(201)
    // As a package saved before Google shut the model down: its id is still in the row.
    db = new pg.Client({ connectionString: inject('e2eDatabaseUri') })
    await db.connect()
    await db.query('UPDATE photo_packages SET settings_standard_quality_model_id = $1 WHERE id = $2', [
      RETIRED,
      packageId,
    ])
    browser = await launchChromium()
  })

  afterAll(async () => {
    // Other browser tests share the app: no package may stay on a gone model.
    await db
      ?.query(
        'UPDATE photo_packages SET settings_standard_quality_model_id = NULL, is_active = false WHERE id = $1',
        [packageId],
      )
      .catch(() => undefined)
    await db?.end()
    await browser?.close()
  })

  it('the admin dashboard shows a red banner naming the model and the package', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await signInAdmin(page)
    const banner = page.locator('#model-alert')
    await banner.waitFor({ timeout: 30_000 })
    expect(await banner.getAttribute('role')).toBe('alert')
    expect(await banner.locator('strong').textContent()).toBe(
      'Image model not served: shoots that need it are refused.',
    )
    const item = banner.locator(`li[data-model="${RETIRED}"]`)
    expect(await item.textContent()).toMatch(new RegExp(`^${RETIRED} \\(retired.*\\), used by: .*${name}`))
    expect(await item.locator('a').getAttribute('href')).toBe(`/admin/collections/image-models/${RETIRED}`)
    // Red: the banner is drawn as an alert, not as plain text.
    const colour = await banner.evaluate((node) => getComputedStyle(node).backgroundColor)
    const [red, green, blue] = (colour.match(/\d+/g) ?? []).map(Number)
    expect(red).toBeGreaterThan(green)
    expect(red).toBeGreaterThan(blue)
    await screenshotBothWidths(page, 'admin-model-alert')
    await page.close()
  })

  it("refuses a customer's shoot on it with a message they understand, holding nothing", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const email = `e2e-retired-${stamp}@example.com`
    await signUpInBrowser(page, {
      appUrl,
      mailboxUrl: inject('fakeMailboxUrl'),
      email,
      password: 'e2e-password-1',
    })
    await expect
      .poll(async () => page.getByTestId('balance').textContent(), { timeout: 15_000 })
      .toBe('3 shoots')

    await page.goto(`${appUrl}/packages/${slug}`)
    await page.locator('label.theme-card', { hasText: 'Grey backdrop' }).click()
    await page.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'portrait.jpg'))
    await expect.poll(() => page.getByTestId('reference-item').count(), { timeout: 60_000 }).toBe(1)
    const generate = page.getByRole('button', { name: /^Generate/ })
    await expect.poll(() => generate.isEnabled(), { timeout: 30_000 }).toBe(true)
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/generate'))
    await generate.click()
    expect((await answer).status()).toBe(503)
    await expect
      .poll(() => page.getByText('cannot make portraits right now').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    expect(await page.getByText('Nothing was charged').count()).toBeGreaterThan(0)
    expect(page.url()).toContain(`/packages/${slug}`)
    await screenshotBothWidths(page, 'package-model-not-served')

    // No hold in the ledger, no generation, the balance untouched.
    const { rows } = await db.query(
      `SELECT l.kind::text AS kind FROM credit_ledger l JOIN users u ON u.id = l.user_id WHERE u.email = $1 ORDER BY l.id`,
      [email],
    )
    expect(rows.map((row) => row.kind)).not.toContain('hold')
    const generations = await db.query(
      'SELECT count(*)::int AS count FROM generations g JOIN users u ON u.id = g.owner_id WHERE u.email = $1',
      [email],
    )
    expect(generations.rows[0].count).toBe(0)
    await page.reload()
    expect(await page.getByTestId('balance').textContent()).toBe('3 shoots')
    await context.close()
  })

  it('the banner goes once an admin moves the package to a served model', async () => {
    const moved = await api('PATCH', `/api/photo-packages/${packageId}`, {
      settings: { standardQuality: { model: 'gemini-3-pro-image', imageSize: '1K' } },
    })
    expect(moved.status).toBe(200)
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await signInAdmin(page)
    await page.locator('nav, .dashboard').first().waitFor({ timeout: 30_000 })
    expect(await page.locator(`#model-alert li[data-model="${RETIRED}"]`).count()).toBe(0)
    await page.close()
  })
})
