import pg from 'pg'
import type { Browser, BrowserContext } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import Stripe from 'stripe'

import { CHROMIUM, screenshotBothWidths } from '../support/clients/browser'
import { ApiClient } from '../support/clients/client'
import { mailTo, signUpInBrowser } from '../support/clients/signUp'

const appUrl = inject('appUrl')
const fakeStripeUrl = inject('fakeStripeUrl')
const mailboxUrl = inject('fakeMailboxUrl')
const port = new URL(appUrl).port
const run = Date.now().toString(36)

/** Two hostnames Chromium resolves to this machine (--host-resolver-rules): each is one studio's site. */
const siteA = `http://a.studio.test:${port}`
const siteB = `http://b.studio.test:${port}`

const HARBOR = {
  name: `Harbor Light ${run}`,
  primary: '#1f5f7a',
  terms: `Harbor Light's own terms ${run}.\n\nSecond paragraph of the terms.`,
}

/**
 * Studios as tenants in Chromium against the production build (issue 24): two studios on two
 * hostnames. The default studio serves every host no studio claims (a.studio.test); a second
 * studio made by the platform admin over REST claims b.studio.test. Each site shows its own
 * name, colours, legal text and packages. In the admin (on the platform's own address), the
 * second studio's editor sees only its packages, and the platform admin switches between the
 * studios with the studio selector. The second studio is removed again afterwards: the other
 * files share this database and expect one studio.
 */
describe('two studios on two hostnames', () => {
  let browser: Browser
  let admin: ApiClient
  let studioB = 0
  let closedStudio = 0
  const packageName = `Harbor Headshots ${run}`
  const editorEmail = `editor-b-${run}@example.com`

  const newContext = (): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width: 1280, height: 900 } })

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--host-resolver-rules=MAP *.studio.test 127.0.0.1',
        // Studios' sites are HTTPS in production, where Chromium sends Sec-Fetch-Site (Payload reads
        // it before it trusts the auth cookie of a request without Origin); plain http here.
        `--unsafely-treat-insecure-origin-as-secure=${siteA},${siteB}`,
      ],
    })
    admin = await new ApiClient(appUrl).login('admin@photo-packages.local', 'admin-demo-pass')
    const studio = await admin.post('/api/studios', {
      name: HARBOR.name,
      slug: `harbor-${run}`,
      domains: [{ hostname: 'b.studio.test' }],
      branding: {
        primaryColor: HARBOR.primary,
        accentColor: '#e0a43a',
        font: 'georgia',
        termsText: HARBOR.terms,
      },
      platformFeePercent: 10,
    })
    expect(studio.status, JSON.stringify(studio.body)).toBe(201)
    studioB = studio.body.doc.id
    const pkg = await admin.post('/api/photo-packages', {
      studio: studioB,
      name: packageName,
      slug: 'professional-headshots',
      category: 'professional',
      description: 'Headshots by the harbour.',
      isActive: true,
    })
    expect(pkg.status, JSON.stringify(pkg.body)).toBe(201)
    const theme = await admin.post('/api/package-themes', {
      package: pkg.body.doc.id,
      name: 'Harbour Fog',
      settingPrompt: 'a foggy harbour at dawn',
    })
    expect(theme.status, JSON.stringify(theme.body)).toBe(201)
    const tier = await admin.post('/api/package-pricing-tiers', {
      package: pkg.body.doc.id,
      name: 'Dockside',
      shootsCount: 4,
      priceCents: 1200,
    })
    expect(tier.status, JSON.stringify(tier.body)).toBe(201)
    const editor = await admin.post('/api/users', {
      email: editorEmail,
      password: 'editor-b-pass-1',
      role: 'editor',
      name: 'Harbor editor',
      tenants: [{ tenant: studioB }],
      _verified: true,
    })
    expect(editor.status, JSON.stringify(editor.body)).toBe(201)
  })

  afterAll(async () => {
    await browser?.close()
    if (!studioB) return
    // Nobody deletes a studio over the API (it is suspended instead); the test removes its own.
    const client = new pg.Client({ connectionString: inject('e2eDatabaseUri') })
    await client.connect()
    try {
      await client.query('begin')
      const owned = ['package_pricing_tiers', 'package_themes', 'photo_packages']
      for (const table of owned) await client.query(`delete from ${table} where studio_id = $1`, [studioB])
      await client.query(`delete from users where email = $1`, [editorEmail])
      await client.query('delete from studios where id = any($1)', [[studioB, closedStudio]])
      await client.query('commit')
    } finally {
      await client.end()
    }
  })

  it('each site shows its own name, colours, terms and packages', async () => {
    const context = await newContext()
    const page = await context.newPage()
    // The studios' list is trusted for 5 s per node (resolveStudio): the new studio is served within that.
    await expect
      .poll(
        async () => {
          await page.goto(`${siteB}/`)
          return page.locator('.brand-name').innerText()
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(HARBOR.name)
    expect(await page.title()).toBe(`${HARBOR.name} · AI portrait studio`)
    const cards = page.locator('.package-card h2')
    expect(await cards.allInnerTexts()).toEqual([packageName])
    // The studio's colour on its buttons, with white text (WCAG contrast on #1f5f7a).
    const signUp = page.getByRole('link', { name: 'Sign up' })
    expect(await signUp.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 95, 122)')
    expect(await signUp.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)')
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^Georgia/)
    await screenshotBothWidths(page, 'studio-b-home')

    // The same slug at B is B's package, with B's theme.
    await page.goto(`${siteB}/packages/professional-headshots`)
    await expect.poll(() => page.locator('h1').first().innerText()).toBe(packageName)
    expect(await page.getByText('Harbour Fog').count()).toBeGreaterThan(0)

    await page.goto(`${siteB}/terms`)
    expect(await page.locator('main').innerText()).toContain(`Harbor Light's own terms ${run}.`)
    expect(await page.locator('main p').count()).toBe(2)

    await page.goto(`${siteA}/`)
    expect(await page.locator('.brand-name').innerText()).toBe('Photo Packages')
    const namesA = await page.locator('.package-card h2').allInnerTexts()
    expect(namesA).toContain('Wedding Portraits')
    expect(namesA).not.toContain(packageName)
    await page.goto(`${siteA}/packages/professional-headshots`)
    expect(await page.locator('h1').first().innerText()).toBe('Professional Headshots')
    await page.goto(`${siteA}/terms`)
    expect(await page.locator('main').innerText()).not.toContain('Harbor Light')
    await context.close()
  })

  it('in the admin, B’s editor sees only B and the platform admin switches between studios', async () => {
    const context = await newContext()
    const page = await context.newPage()
    const signIn = async (email: string, password: string) => {
      await page.goto(`${appUrl}/admin/login`)
      await page.locator('#field-email').fill(email)
      await page.locator('#field-password').fill(password)
      await page.locator('button[type="submit"]').click()
      await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
    }
    const listed = async () => {
      await page.goto(`${appUrl}/admin/collections/photo-packages`)
      await page.locator('.table').first().waitFor({ timeout: 60_000 })
      return page.locator('.table tbody tr td.cell-name').allInnerTexts()
    }

    await signIn(editorEmail, 'editor-b-pass-1')
    expect(await listed()).toEqual([packageName])
    await page.goto(`${appUrl}/admin/logout`)
    await page.waitForURL(/\/admin\/login/, { timeout: 60_000 })

    // Same browser: the editor's studio selection went with the sign-out (forgetStudioSelection).
    await signIn('admin@photo-packages.local', 'admin-demo-pass')
    const all = await listed()
    expect(all).toContain(packageName)
    expect(all).toContain('Wedding Portraits')
    // With every studio's rows listed, each row says whose it is.
    const rowB = page.locator('.table tbody tr', { hasText: packageName })
    await expect.poll(() => rowB.locator('td.cell-studio').innerText(), { timeout: 30_000 }).toBe(HARBOR.name)
    // The studio selector (plugin-multi-tenant) in the nav narrows every list to one studio.
    const pickStudio = async (name: string) => {
      const selector = page.locator('.tenant-selector')
      // A page load closes the nav again (inert while closed).
      const navClosed = () => selector.evaluate((el) => Boolean(el.closest('[inert]')))
      if (await navClosed()) {
        await page
          .locator('.template-default__nav-toggler-wrapper button, button.nav-toggler')
          .first()
          .click()
        await expect.poll(navClosed).toBe(false)
      }
      await selector.locator('.rs__control').click()
      await page.locator('.rs__option', { hasText: name }).first().click()
    }
    await pickStudio(HARBOR.name)
    await expect.poll(listed, { timeout: 30_000 }).toEqual([packageName])
    await pickStudio('Photo Packages')
    await expect
      .poll(
        async () => {
          const names = await listed()
          return names.includes('Wedding Portraits') && !names.includes(packageName)
        },
        { timeout: 30_000 },
      )
      .toBe(true)
    await context.close()
  })

  it('a customer signs up and buys at B: a direct charge on B’s Stripe account with the platform’s fee', async () => {
    // B's owner connects its Stripe account: the Express onboarding, submitted on the fake's page.
    const connected = await admin.post(`/api/studios/${studioB}/stripe/connect`)
    expect(connected.status, JSON.stringify(connected.body)).toBe(200)
    const accountId = connected.body.accountId as string
    const submitted = await fetch(connected.body.url, { method: 'POST', redirect: 'manual' })
    expect(submitted.status).toBe(303)
    const refreshed = await admin.post(`/api/studios/${studioB}/stripe/refresh`)
    expect(refreshed.body.stripe).toMatchObject({ cardPaymentsCapability: 'active', chargesEnabled: true })

    const context = await newContext()
    const page = await context.newPage()
    const email = `buyer-b-${run}@example.com`
    await signUpInBrowser(page, { appUrl: siteB, mailboxUrl, email, password: 'buyer-b-pass-1' })
    // The mailed link came from B and pointed at B's own site.
    const link = await mailTo(mailboxUrl, email, /^Confirm your e-mail address/)
    expect(link.subject).toContain(HARBOR.name)
    expect(link.text).toContain(`${siteB}/verify?token=`)

    await page.goto(`${siteB}/packages/professional-headshots`)
    // Signed in on B's own site: its API answers as this customer (the session cookie is B's).
    const before = await page.evaluate(async () => {
      const me = await (await fetch('/api/users/me')).json()
      return me.user.shootCredits as number
    })
    await page.locator('label.tier-card', { hasText: 'Dockside' }).click()
    await page.getByRole('button', { name: 'Buy shoots' }).click()
    await page.waitForURL(/\/c\/pay\/cs_test_/, { timeout: 20_000 })
    const sessionId = page.url().split('/').pop() as string
    await page.getByRole('button', { name: 'Pay' }).click()
    await page.waitForURL((url) => url.href.startsWith(`${siteB}/checkout/success`), { timeout: 20_000 })

    // The session lives on B's account, with the platform's 10 % as its application fee.
    const stripeGet = (path: string, account?: string) =>
      fetch(`${fakeStripeUrl}${path}`, {
        headers: { authorization: 'Bearer sk_test_e2e', ...(account && { 'stripe-account': account }) },
      }).then((response) => response.json())
    const session = await stripeGet(`/v1/checkout/sessions/${sessionId}`, accountId)
    expect(session).toMatchObject({ amount_total: 1200, payment_status: 'paid', currency: 'usd' })
    expect((await stripeGet(`/v1/checkout/sessions/${sessionId}`)).error?.code).toBe('resource_missing')
    const fees = await stripeGet('/v1/application_fees?limit=100')
    expect(fees.data.filter((fee: { account: string }) => fee.account === accountId)).toEqual([
      expect.objectContaining({ amount: 120, currency: 'usd' }),
    ])

    // Stripe tells the platform's Connect endpoint (the event carries the account); the test delivers it.
    const payload = JSON.stringify({
      id: `evt_e2e_connect_${sessionId}`,
      object: 'event',
      account: accountId,
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: session },
    })
    const signature = new Stripe('sk_test_e2e').webhooks.generateTestHeaderString({
      payload,
      secret: inject('stripeConnectWebhookSecret'),
    })
    const delivered = await fetch(`${appUrl}/api/stripe/connect/webhook`, {
      method: 'POST',
      body: payload,
      headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
    })
    expect(delivered.status).toBe(200)
    await expect
      .poll(() => page.getByTestId('new-balance').textContent(), { timeout: 30_000 })
      .toBe(String(before + 4))
    await screenshotBothWidths(page, 'studio-b-checkout-success')
    await context.close()
  })

  it('a suspended studio’s host has no site: every page is a 404', async () => {
    const suspended = await admin.post('/api/studios', {
      name: `Closed ${run}`,
      slug: `closed-${run}`,
      status: 'suspended',
      domains: [{ hostname: 'c.studio.test' }],
    })
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(201)
    closedStudio = suspended.body.doc.id
    const context = await newContext()
    const page = await context.newPage()
    const siteC = `http://c.studio.test:${port}`
    // The studios' list is trusted for 5 s per node (resolveStudio).
    await expect
      .poll(async () => (await page.goto(`${siteC}/`))?.status(), { timeout: 30_000, interval: 1000 })
      .toBe(404)
    for (const path of [
      '/terms',
      '/privacy',
      '/help',
      '/login',
      '/signup',
      '/packages/professional-headshots',
    ]) {
      const response = await page.goto(`${siteC}${path}`)
      expect(response?.status(), path).toBe(404)
      expect(await page.locator('body').innerText(), path).not.toContain('Sign up')
    }
    // The other sites are untouched.
    expect((await page.goto(`${siteB}/terms`))?.status()).toBe(200)
    expect((await page.goto(`${siteA}/`))?.status()).toBe(200)
    await context.close()
  })
})
