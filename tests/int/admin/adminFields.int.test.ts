import type { Field, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LOCAL_JSON_FIELD } from '@/fields/jsonEditor'
import { buildPrompt } from '@/prompt'

import { ApiClient } from '../../support/clients/client'
import { confirmSignUpFromOutbox } from '../../support/clients/signUp'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const messages = (body: any): string[] =>
  (body.errors ?? []).flatMap((error: any) => [
    error.message,
    ...(error.data?.errors ?? []).map((e: any) => `${e.path}: ${e.message}`),
  ])

/**
 * Admin fields that need no code editor: a package's generation instructions as plain fields
 * (stored, read back and used by the prompt builder; refused naming the path when wrong), and
 * the user title that shows a customer's balances in the admin's pickers.
 */
describe('admin fields', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let editor: ApiClient
  let packageId: number
  const stamp = Date.now()

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    const created = await admin.post('/api/photo-packages', {
      name: `Instructions ${stamp}`,
      category: 'wedding',
      imagesPerGeneration: 2,
    })
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201)
    packageId = created.body.doc.id
  })

  afterAll(async () => {
    if (packageId)
      await payload.delete({ collection: 'photo-packages', id: packageId }).catch(() => undefined)
    await server?.close()
  })

  it('stores generation instructions as fields, keeps the avoid order and builds the prompt from them', async () => {
    const instructions = {
      prefix: 'Editorial {theme} photography.',
      suffix: 'Deliver {imageCount} variations.',
      avoid: ['watermarks', 'harsh flash', 'extra people'],
      portraitTypes: { single: null, couple: 'Both faces in focus.', family: null },
    }
    const saved = await editor.patch(`/api/photo-packages/${packageId}`, {
      generationInstructions: instructions,
    })
    expect(saved.status, JSON.stringify(saved.body).slice(0, 400)).toBe(200)
    const read = await editor.get(`/api/photo-packages/${packageId}?depth=0`)
    expect(read.body.generationInstructions).toEqual(instructions)

    const pkg = await payload.findByID({ collection: 'photo-packages', id: packageId, depth: 0 })
    const prompt = buildPrompt({
      pkg,
      theme: { name: 'Garden', settingPrompt: 'a rose garden' },
      request: { portraitType: 'couple' },
    })
    expect(prompt).toMatch(/^Editorial Garden photography\. /)
    expect(prompt).toContain('Both faces in focus.')
    expect(prompt).toContain('Deliver 2 variations.')
    expect(prompt).toContain('Avoid: watermarks, harsh flash, extra people.')

    // Emptied, the fields read back empty and the prompt has no instructions.
    const cleared = await editor.patch(`/api/photo-packages/${packageId}`, {
      generationInstructions: { prefix: '', suffix: null, avoid: [], portraitTypes: { couple: null } },
    })
    expect(cleared.status).toBe(200)
    const bare = await payload.findByID({ collection: 'photo-packages', id: packageId, depth: 0 })
    const again = buildPrompt({
      pkg: bare,
      theme: { name: 'Garden', settingPrompt: 'a rose garden' },
      request: { portraitType: 'couple' },
    })
    expect(again).not.toContain('Avoid:')
    expect(again).not.toContain('Editorial')
  })

  it.each([
    ['an unknown key', { sufix: 'typo' }, 'generationInstructions.sufix: unknown key'],
    [
      'an unknown portrait type',
      { portraitTypes: { toddler: 'x' } },
      'generationInstructions.portraitTypes.toddler',
    ],
    ['an unknown variable', { prefix: 'Shot on {camera}.' }, 'Unknown variable {camera}'],
    ['too many avoid phrases', { avoid: Array.from({ length: 31 }, (_, i) => `phrase ${i}`) }, 'avoid'],
  ])('refuses %s with a 400 naming the field', async (_label, generationInstructions, expected) => {
    const response = await editor.patch(`/api/photo-packages/${packageId}`, { generationInstructions })
    expect(response.status).toBe(400)
    const text = messages(response.body).join(' | ')
    expect(text).toContain('generationInstructions')
    expect(text).toContain(expected)
  })

  it('edits every JSON field the admin shows with the editor served by the app, never the CDN one', () => {
    const jsonFields: string[] = []
    const walk = (fields: Field[], where: string) => {
      for (const field of fields) {
        const name = 'name' in field ? `${where}.${field.name}` : where
        if (field.type === 'json') {
          jsonFields.push(name)
          if (!field.admin?.hidden) expect(field.admin?.components?.Field, name).toBe(LOCAL_JSON_FIELD)
        }
        if (field.type === 'tabs') for (const tab of field.tabs) walk(tab.fields as Field[], name)
        else if (field.type === 'blocks') for (const block of field.blocks) walk(block.fields, name)
        else if ('fields' in field) walk(field.fields, name)
      }
    }
    // Payload's own hidden collections (preferences, key-value store) never show a form.
    for (const collection of payload.config.collections)
      if (collection.admin?.hidden !== true) walk(collection.fields, collection.slug)
    // Payload's jobs (input, log, error) and the few of our own that stay JSON.
    expect(jsonFields).toEqual(
      expect.arrayContaining([
        'photo-packages.metadata',
        'stripe-events.deferredObject',
        'payload-jobs.input',
      ]),
    )
    expect(jsonFields).not.toContain('photo-packages.generationInstructions')
  })

  it('titles a customer with their balances for admins, and pickers can search and sort by it', async () => {
    const email = `picker-${stamp}@example.com`
    const signup = await new ApiClient(server.url).post('/api/users', { email, password: 'picker-pass-123' })
    expect(signup.status).toBe(201)
    const customerId = (await payload.find({ collection: 'users', where: { email: { equals: email } } }))
      .docs[0].id
    const wedding = (
      await payload.find({ collection: 'photo-packages', where: { slug: { equals: 'wedding-portraits' } } })
    ).docs[0]
    const grant = await admin.post('/api/credit-adjustments', {
      user: customerId,
      wallet: wedding.id,
      amount: 4,
      reason: 'Goodwill for a failed shoot',
    })
    expect(grant.status, JSON.stringify(grant.body).slice(0, 300)).toBe(201)

    // What the relationship picker asks for as it types: the title, searched and sorted.
    const query = new URLSearchParams({
      depth: '0',
      limit: '10',
      'select[pickerLabel]': 'true',
      sort: 'pickerLabel',
      'where[and][0][pickerLabel][like]': `picker-${stamp}`,
      'where[and][1][role][equals]': 'customer',
    })
    const found = await admin.get(`/api/users?${query}`)
    expect(found.status, JSON.stringify(found.body).slice(0, 300)).toBe(200)
    expect(found.body.docs).toHaveLength(1)
    expect(found.body.docs[0].pickerLabel).toMatch(
      new RegExp(`^${email.replace(/[.]/g, '\\.')} — 4 Wedding Portraits( · \\d+ any package)?$`),
    )
    // The edit view reads the whole user: the same title.
    const one = await admin.get(`/api/users/${customerId}`)
    expect(one.body.pickerLabel).toBe(found.body.docs[0].pickerLabel)

    // Staff accounts and editors see e-mails only; a customer does not get the field at all.
    const adminMe = await admin.get('/api/users/me')
    expect(adminMe.body.user.pickerLabel).toBe('admin@photo-packages.local')
    const editorMe = await editor.get('/api/users/me')
    expect(editorMe.body.user.pickerLabel).toBe('editor@photo-packages.local')
    await confirmSignUpFromOutbox(payload, server.url, email)
    const customer = await new ApiClient(server.url).login(email, 'picker-pass-123')
    const me = await customer.get('/api/users/me')
    expect(me.body.user.email).toBe(email)
    expect(me.body.user).not.toHaveProperty('pickerLabel')
    await payload.delete({ collection: 'users', id: customerId }).catch(() => undefined)
  })
})
