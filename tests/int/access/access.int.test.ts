import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { confirmSignUpFromOutbox } from '../../support/clients/signUp'
import { type SignedIn, signInCallers } from '../../support/clients/callers'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** Every cell of the access table, over REST, as each kind of caller. */
describe('who may do what with the catalog and accounts', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let anonymous: ApiClient
  let customer: SignedIn
  let editor: SignedIn
  let admin: SignedIn
  let weddingId: number
  let inactiveId: number
  let otherCustomerId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    const callers = await signInCallers(payload, server.url, 'access')
    ;({ anonymous, customer, editor, admin } = callers)
    otherCustomerId = callers.otherCustomer.id
    const packages = await payload.find({ collection: 'photo-packages', pagination: false, depth: 0 })
    weddingId = packages.docs.find((p) => p.slug === 'wedding-portraits')!.id
    // The seed's retired package (other suites leave inactive packages of their own, without tiers).
    inactiveId = packages.docs.find((p) => p.slug === 'retired-studio-classics')!.id
  })

  afterAll(async () => {
    await server?.close()
  })

  describe('an anonymous visitor', () => {
    it('reads active packages only, and never the prompt fields', async () => {
      const { status, body } = await anonymous.get('/api/photo-packages?limit=100')
      expect(status).toBe(200)
      expect(body.docs.length).toBeGreaterThan(0)
      expect(body.docs.every((p: any) => p.isActive === true)).toBe(true)
      for (const pkg of body.docs) {
        expect(pkg).not.toHaveProperty('basePromptTemplate')
        expect(pkg).not.toHaveProperty('generationInstructions')
      }
      expect((await anonymous.get(`/api/photo-packages/${inactiveId}`)).status).toBe(404)
    })

    it('reads active themes without settingPrompt, clothingPrompt, atmospherePrompt, technicalPrompt or styleModifiers', async () => {
      const { status, body } = await anonymous.get(
        `/api/package-themes?limit=200&where[package][equals]=${weddingId}`,
      )
      expect(status).toBe(200)
      expect(body.docs.length).toBeGreaterThanOrEqual(11)
      for (const theme of body.docs) {
        expect(theme.isActive).toBe(true)
        for (const secret of [
          'settingPrompt',
          'clothingPrompt',
          'atmospherePrompt',
          'technicalPrompt',
          'styleModifiers',
        ]) {
          expect(theme).not.toHaveProperty(secret)
        }
      }
    })

    it('reads active tiers but writes nothing', async () => {
      const tiers = await anonymous.get('/api/package-pricing-tiers?limit=100')
      expect(tiers.status).toBe(200)
      expect(tiers.body.docs.every((t: any) => t.isActive)).toBe(true)
      expect((await anonymous.post('/api/photo-packages', { name: 'Hack' })).status).toBe(403)
      expect((await anonymous.post('/api/package-themes', { name: 'Hack' })).status).toBe(403)
      expect((await anonymous.post('/api/package-pricing-tiers', { name: 'Hack' })).status).toBe(403)
      expect((await anonymous.get('/api/users')).status).toBe(403)
    })
  })

  describe('an editor', () => {
    it('reads and writes packages and themes, and sees the prompt fields', async () => {
      const created = await editor.post('/api/photo-packages', {
        name: 'Editor Test Package',
        category: 'artistic',
        isActive: false,
      })
      expect(created.status).toBe(201)
      expect(created.body.doc.slug).toBe('editor-test-package')
      expect(created.body.doc.basePromptTemplate.length).toBeGreaterThanOrEqual(50)
      const theme = await editor.post('/api/package-themes', {
        package: created.body.doc.id,
        name: 'Studio Grey',
        settingPrompt: 'A seamless mid-grey studio backdrop with soft key light',
      })
      expect(theme.status).toBe(201)
      const updated = await editor.patch(`/api/package-themes/${theme.body.doc.id}`, {
        name: 'Studio Charcoal',
      })
      expect(updated.status).toBe(200)
      const read = await editor.get(`/api/package-themes/${theme.body.doc.id}`)
      expect(read.body.settingPrompt).toContain('mid-grey studio')
      expect((await editor.get(`/api/photo-packages/${inactiveId}`)).status).toBe(200)
    })

    it('reads tiers (inactive too) but may not write them, nor touch users', async () => {
      const tiers = await editor.get('/api/package-pricing-tiers?limit=200')
      expect(tiers.status).toBe(200)
      const inactiveTier = await payload.find({
        collection: 'package-pricing-tiers',
        where: { package: { equals: inactiveId } },
      })
      expect(tiers.body.docs.map((t: any) => t.id)).toContain(inactiveTier.docs[0].id)
      const denied = await editor.post('/api/package-pricing-tiers', {
        package: weddingId,
        name: 'Cheap',
        shootsCount: 1,
        priceCents: 1,
      })
      expect(denied.status).toBe(403)
      expect((await editor.patch(`/api/users/${otherCustomerId}`, { name: 'x' })).status).toBe(404)
      expect((await editor.delete(`/api/photo-packages/${weddingId}`)).status).toBe(403)
    })
  })

  describe('an admin', () => {
    it('writes tiers and reads every user', async () => {
      const tier = await admin.post('/api/package-pricing-tiers', {
        package: inactiveId,
        name: 'Admin Tier',
        shootsCount: 5,
        priceCents: 300,
      })
      expect(tier.status).toBe(201)
      const users = await admin.get('/api/users?limit=100')
      expect(users.status).toBe(200)
      expect(users.body.totalDocs).toBeGreaterThanOrEqual(4)
      const promoted = await admin.patch(`/api/users/${otherCustomerId}`, { role: 'editor' })
      expect(promoted.body.doc.role).toBe('editor')
      await admin.patch(`/api/users/${otherCustomerId}`, { role: 'customer' })
    })
  })

  describe('a customer', () => {
    it('reads and updates only their own user; setting role or shootCredits is a 400 naming them', async () => {
      const me = await customer.get('/api/users/me')
      const myId = me.body.user.id
      const list = await customer.get('/api/users?limit=100')
      expect(list.body.docs.map((u: any) => u.id)).toEqual([myId])
      expect((await customer.get(`/api/users/${otherCustomerId}`)).status).toBe(404)
      expect((await customer.patch(`/api/users/${otherCustomerId}`, { name: 'Mallory' })).status).toBe(404)
      const before = me.body.user.shootCredits
      const update = await customer.patch(`/api/users/${myId}`, {
        name: 'Casey',
        role: 'admin',
        shootCredits: 9999,
      })
      expect(update.status).toBe(400)
      expect(update.body.errors[0].data.errors.map((e: { path: string }) => e.path)).toEqual([
        'role',
        'shootCredits',
      ])
      const after = await payload.findByID({ collection: 'users', id: myId })
      expect(after.name).not.toBe('Casey')
      expect(after.role).toBe('customer')
      expect(after.shootCredits).toBe(before)
      expect((await customer.patch(`/api/users/${myId}`, { name: 'Casey' })).status).toBe(200)
      expect((await payload.findByID({ collection: 'users', id: myId })).name).toBe('Casey')
    })

    it('may not write the catalog', async () => {
      expect((await customer.patch(`/api/photo-packages/${weddingId}`, { name: 'Mine' })).status).toBe(403)
      expect(
        (
          await customer.post('/api/package-themes', {
            package: weddingId,
            name: 'X',
            settingPrompt: 'xxxxxxxxxxxx',
          })
        ).status,
      ).toBe(403)
    })

    it('signs up as a customer with the trial shoots; asking for a role or a balance is a 400 naming it', async () => {
      const email = `new-${Date.now()}@example.com`
      const asking = await anonymous.post('/api/users', {
        email,
        password: 'new-user-pass',
        role: 'admin',
        shootCredits: 500,
      })
      expect(asking.status).toBe(400)
      expect(asking.body.errors[0].data.errors.map((e: { path: string }) => e.path)).toEqual([
        'role',
        'shootCredits',
      ])
      expect(
        (await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs,
      ).toBe(0)
      const signup = await anonymous.post('/api/users', { email, password: 'new-user-pass' })
      expect(signup.status).toBe(201)
      // The answer names no account (a taken address is answered alike); look it up by address.
      const [user] = (await payload.find({ collection: 'users', where: { email: { equals: email } } })).docs
      expect(user.role).toBe('customer')
      // The trial shoots come when the address is confirmed by the mailed link.
      expect([user._verified, user.shootCredits]).toEqual([false, 0])
      await confirmSignUpFromOutbox(payload, server.url, email)
      const signedIn = await new ApiClient(server.url).login(email, 'new-user-pass')
      expect((await signedIn.get('/api/users/me')).body.user.shootCredits).toBe(3)
    })
  })
})
