import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import pg from 'pg'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { IMAGE_MODEL_SEEDS } from '@/generation/imageModels'
import { describePriceSource } from '@/generation/modelCatalogue'

import { insertSyntheticAnalytics } from '../../bench/analytics'
import { launchChromium, screenshotBothWidths } from '../support/clients/browser'

const appUrl = inject('appUrl')
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results')
const sourceOf = (id: string) =>
  describePriceSource(IMAGE_MODEL_SEEDS.find((seed) => seed.id === id)!.priceSource)
const PRICE_SOURCE = sourceOf('gemini-3-pro-image')
const FLASH_SOURCE = sourceOf('gemini-3.1-flash-image')
const money = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100)
const perShoot = (cents: number | null) => (cents === null ? '—' : money(cents))

const signIn = async (page: Page, email: string, password: string) => {
  await page.goto(`${appUrl}/admin/login`)
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })
}

/** An admin answers "what sells, what works, what breaks" from the dashboard, in Chromium. */
describe('the analytics dashboard in the admin panel', () => {
  let browser: Browser
  let token: string
  let expected: any

  beforeAll(async () => {
    // Two months of analytics and sales, written as the app would have over time.
    const client = new pg.Client({ connectionString: inject('e2eDatabaseUri') })
    await client.connect()
    try {
      await insertSyntheticAnalytics(client, { generations: 1500, customers: 120, purchases: 150, days: 60 })
      // Portraits of five of this week's generations, priced as the worker records them (model, size, price, source).
      await client.query(
        `INSERT INTO generation_results (owner_id, generation_id, index, is_preview, model, image_size, usage_prompt_tokens, usage_output_tokens, usage_total_tokens, cost_usd, price_source, filename, created_at, updated_at)
         SELECT g.owner_id, g.id, 0, false, 'gemini-3-pro-image', '2K', 1300, 1290, 2590, 0.134, $1, 'e2e-cost-' || g.id || '.webp', g.created_at, g.created_at
         FROM (SELECT * FROM generations WHERE created_at > now() - interval '5 days' ORDER BY id DESC LIMIT 5) g`,
        [PRICE_SOURCE],
      )
      // And Flash portraits, whose price is derived from a third-party per-token figure (unverified).
      await client.query(
        `INSERT INTO generation_results (owner_id, generation_id, index, is_preview, model, image_size, usage_prompt_tokens, usage_output_tokens, usage_total_tokens, cost_usd, price_source, filename, created_at, updated_at)
         SELECT g.owner_id, g.id, 1, false, 'gemini-3.1-flash-image', '1K', 1300, 1290, 2590, 0.067, $1, 'e2e-cost-flash-' || g.id || '.webp', g.created_at, g.created_at
         FROM (SELECT * FROM generations WHERE created_at > now() - interval '5 days' ORDER BY id DESC LIMIT 3) g`,
        [FLASH_SOURCE],
      )
    } finally {
      await client.end()
    }
    const login = await fetch(`${appUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'admin-demo-pass' }),
    })
    token = (await login.json()).token
    const refresh = await fetch(`${appUrl}/api/admin/analytics/refresh`, {
      method: 'POST',
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'full' }),
    })
    expect(refresh.status).toBe(200)
    expected = await (
      await fetch(`${appUrl}/api/admin/analytics?timeframe=30d`, {
        headers: { authorization: `JWT ${token}` },
      })
    ).json()
    expect(expected.totals.generations).toBeGreaterThan(0)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('opens from the admin home and draws the trend charts, KPI cards and the package table', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await signIn(page, 'admin@photo-packages.local', 'admin-demo-pass')
    await page.locator('#dashboard-analytics').click()
    await page.waitForURL(/\/admin\/analytics/, { timeout: 30_000 })
    await page.getByTestId('analytics-dashboard').waitFor({ timeout: 30_000 })

    // The charts render as SVG with data: two lines of generations, revenue bars, theme bars.
    await expect
      .poll(() => page.locator('[data-testid="chart-generations"] .recharts-line-curve').count(), {
        timeout: 20_000,
      })
      .toBe(2)
    const line = await page
      .locator('[data-testid="chart-generations"] .recharts-line-curve')
      .first()
      .getAttribute('d')
    expect(line?.length ?? 0).toBeGreaterThan(100)
    expect(
      await page.locator('[data-testid="chart-revenue"] .recharts-bar-rectangle').count(),
    ).toBeGreaterThan(10)
    expect(
      await page.locator('[data-testid="chart-themes"] .recharts-bar-rectangle').count(),
    ).toBeGreaterThan(3)

    for (const key of [
      'adoptionRate',
      'themeDiversity',
      'revenuePerPackage',
      'userRetention',
      'adminEfficiency',
    ]) {
      const card = page.getByTestId(`kpi-${key}`)
      expect(await card.locator('.pp-card__value').textContent()).toBe(expected.kpis[key].display)
      expect(await card.locator('.pp-card__definition').textContent()).toBe(expected.kpis[key].definition)
    }
    const wedding = expected.packages.find((row: any) => row.slug === 'wedding-portraits')
    const row = page.getByTestId('package-row-wedding-portraits')
    expect(await row.locator('td').nth(1).textContent()).toBe(
      new Intl.NumberFormat('en-US').format(wedding.generations),
    )
    expect(await page.getByTestId('top-themes-usage').locator('tbody tr').count()).toBe(
      expected.topThemesByUsage.length,
    )

    // Provider cost and margin: the totals, each package's row, and the cost per image with its price's source.
    expect(expected.totals.estimatedCostCents).toBeGreaterThan(0)
    expect(expected.totals.marginCents).toBeCloseTo(
      expected.totals.revenueCents - expected.totals.estimatedCostCents,
      2,
    )
    expect(await page.getByTestId('stat-cost').locator('.pp-stat__value').textContent()).toBe(
      money(expected.totals.estimatedCostCents),
    )
    expect(await page.getByTestId('stat-margin').locator('.pp-stat__value').textContent()).toContain(
      money(expected.totals.marginCents),
    )
    expect(await page.getByTestId('stat-margin-per-shoot').locator('.pp-stat__value').textContent()).toBe(
      money(expected.totals.marginPerShootCents),
    )
    const header = await page.getByTestId('package-table').locator('th').allTextContents()
    const cells = await row.locator('td').allTextContents()
    expect(cells[header.indexOf('Provider cost')]).toBe(money(wedding.estimatedCostCents))
    expect(cells[header.indexOf('Margin')]).toContain(money(wedding.marginCents))
    expect(cells[header.indexOf('Margin / shoot')]).toBe(perShoot(wedding.marginPerShootCents))
    const priced = expected.imageModels.find(
      (model: any) => model.model === 'gemini-3-pro-image' && model.priceSource === PRICE_SOURCE,
    )
    expect(priced).toMatchObject({ imageSize: '2K', usdPerImage: 0.134 })
    expect(priced.portraits).toBeGreaterThanOrEqual(5)
    const modelRow = page
      .getByTestId('image-models')
      .locator('tr[data-model="gemini-3-pro-image"][data-image-size="2K"]')
      .filter({ hasText: '2026-09-15' })
    const modelCells = await modelRow.locator('td').allTextContents()
    expect(modelCells.slice(0, 5)).toEqual([
      'gemini-3-pro-image',
      '2K',
      String(priced.portraits),
      '$0.134',
      `$${priced.costUsd.toFixed(2)}`,
    ])
    expect(modelCells[5]).toMatch(/^ai\.google\.dev, read 2026-09-15 · listed\$0\.134 per 1K or 2K image/)
    expect(await modelRow.locator('a').getAttribute('href')).toBe(
      'https://ai.google.dev/gemini-api/docs/pricing',
    )
    // Flash's price says it is unverified, and how it was derived, where the admin reads the cost.
    const flashRow = page
      .getByTestId('image-models')
      .locator('tr[data-model="gemini-3.1-flash-image"][data-image-size="1K"]')
      .filter({ hasText: 'unverified' })
    expect(await flashRow.getByTestId('price-basis').getAttribute('data-basis')).toBe('unverified')
    expect(await flashRow.getByTestId('price-source').textContent()).toMatch(
      /^docs\.cloud\.google\.com, read 2026-12-06 · unverified\$60 per 1M image output tokens \(third-party figure/,
    )

    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-analytics.png'), fullPage: true })
    await screenshotBothWidths(page, 'admin-analytics')
    await page.close()
  })

  it('filters by timeframe and package, and exports the table shown as CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
    await signIn(page, 'admin@photo-packages.local', 'admin-demo-pass')
    await page.goto(`${appUrl}/admin/analytics`)
    await page.getByTestId('analytics-filters').waitFor()
    await page.locator('select[name="timeframe"]').selectOption('7d')
    const weddingId = expected.packages.find((row: any) => row.slug === 'wedding-portraits').packageId
    await page.locator('select[name="packageId"]').selectOption(String(weddingId))
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/timeframe=7d&packageId=\d+/, { timeout: 30_000 })
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 })
      .toBe('Analytics · Wedding Portraits')
    expect(await page.getByTestId('analytics-period').textContent()).toContain('(7 days, UTC)')
    await expect
      .poll(() => page.locator('[data-testid="chart-generations"] .recharts-line-curve').count())
      .toBe(2)
    expect(await page.locator('[data-testid^="package-row-"]').count()).toBe(1)

    const week = await (
      await fetch(`${appUrl}/api/admin/packages/${weddingId}/analytics?timeframe=7d`, {
        headers: { authorization: `JWT ${token}` },
      })
    ).json()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export table (CSV)' }).click()
    const csv = readFileSync((await (await download).path()) as string, 'utf8')
      .trim()
      .split('\n')
    expect(csv[0]).toBe(
      'Package,Generations,Unique users,Images generated,Success rate (%),Failed generations,Avg processing (ms),Avg rating,Revenue (USD),Shoots sold,Shoots used,Provider cost (USD),Margin (USD),Margin per shoot (USD)',
    )
    expect(csv).toHaveLength(2)
    expect(csv[1].split(',').slice(0, 3)).toEqual([
      'Wedding Portraits',
      String(week.totals.generations),
      String(week.totals.uniqueUsers),
    ])
    await screenshotBothWidths(page, 'admin-analytics-wedding-7d')
    await page.close()
  })

  it('shows when the figures were last refreshed, and a failed refresh with its cause until one succeeds', async () => {
    const client = new pg.Client({ connectionString: inject('e2eDatabaseUri') })
    await client.connect()
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    try {
      await signIn(page, 'admin@photo-packages.local', 'admin-demo-pass')
      await page.goto(`${appUrl}/admin/analytics`)
      expect(await page.getByTestId('analytics-last-refreshed').textContent()).toBe(
        new Date(expected.dataAsOf).toUTCString(),
      )
      expect(await page.getByTestId('analytics-refresh-error').count()).toBe(0)
      // The database refuses the rollup's rows (a stand-in for any failure mid-run) on a day that changed.
      await client.query(
        'ALTER TABLE analytics_rollups ADD CONSTRAINT e2e_refuses_rollups CHECK (generations < 0) NOT VALID',
      )
      await client.query(
        'UPDATE package_analytics SET updated_at = now() WHERE id = (SELECT max(id) FROM package_analytics)',
      )
      await page.getByRole('button', { name: 'Refresh figures' }).click()
      await page
        .getByText(/e2e_refuses_rollups|went wrong|server/i)
        .first()
        .waitFor({ timeout: 60_000 })
      await page.reload()
      const banner = page.getByTestId('analytics-refresh-error')
      await banner.waitFor({ timeout: 30_000 })
      expect(await banner.textContent()).toMatch(
        /last manual refresh failed at .*e2e_refuses_rollups.*figures shown are from/,
      )
      expect(await page.getByTestId('analytics-last-refreshed').textContent()).toBe(
        new Date(expected.dataAsOf).toUTCString(),
      )
      await screenshotBothWidths(page, 'admin-analytics-refresh-failed')

      await client.query('ALTER TABLE analytics_rollups DROP CONSTRAINT e2e_refuses_rollups')
      await page.getByRole('button', { name: 'Refresh figures' }).click()
      await expect
        .poll(() => page.getByTestId('analytics-refresh-error').count(), { timeout: 60_000 })
        .toBe(0)
      expect(await page.getByTestId('analytics-last-refreshed').textContent()).not.toBe(
        new Date(expected.dataAsOf).toUTCString(),
      )
    } finally {
      await client.query('ALTER TABLE analytics_rollups DROP CONSTRAINT IF EXISTS e2e_refuses_rollups')
      await client.end()
      await page.close()
    }
  })

  it('computes the figures on the first visit when no rollup has ever run, instead of showing zeros', async () => {
    const client = new pg.Client({ connectionString: inject('e2eDatabaseUri') })
    await client.connect()
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    try {
      // The figures as of now: shoots of earlier files that finished since beforeAll count too.
      const current = async () =>
        (
          await (
            await fetch(`${appUrl}/api/admin/analytics?timeframe=30d`, {
              headers: { authorization: `JWT ${token}` },
            })
          ).json()
        ).totals.generations
      const refreshed = await fetch(`${appUrl}/api/admin/analytics/refresh`, {
        method: 'POST',
        headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'full' }),
      })
      expect(refreshed.status).toBe(200)
      const generationsNow = await current()
      expect(generationsNow).toBeGreaterThanOrEqual(expected.totals.generations)
      // A fresh install: no rollup run and no rollup rows, but analytics and sales exist.
      await client.query('DELETE FROM analytics_rollup_runs')
      await client.query('DELETE FROM analytics_rollups')
      await signIn(page, 'admin@photo-packages.local', 'admin-demo-pass')
      await page.goto(`${appUrl}/admin/analytics?timeframe=30d`)
      await page.getByTestId('analytics-first-run').waitFor({ timeout: 30_000 })
      await expect
        .poll(() => page.getByTestId('analytics-last-refreshed').textContent(), { timeout: 90_000 })
        .not.toBe('never (no rollup yet)')
      await expect.poll(() => page.getByTestId('analytics-first-run').count(), { timeout: 30_000 }).toBe(0)
      const { rows } = await client.query('SELECT count(*)::int AS runs FROM analytics_rollup_runs')
      expect(rows[0].runs).toBeGreaterThanOrEqual(1)
      expect(await current()).toBe(generationsNow)
    } finally {
      await client.end()
      await page.close()
    }
  })

  it('is for admins only: an editor gets no link and a refusal', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await signIn(page, 'editor@photo-packages.local', 'editor-demo-pass')
    expect(await page.locator('#dashboard-analytics').count()).toBe(0)
    await page.goto(`${appUrl}/admin/analytics`)
    await page.getByTestId('analytics-refused').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('analytics-dashboard').count()).toBe(0)
    await page.close()
  })
})
