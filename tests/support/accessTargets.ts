import type { Payload } from 'payload'

import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import type { Callers } from './callers'
import { portraitJpeg } from './images'

/**
 * The documents the access matrix aims at, one maker per collection. Each makes a fresh document
 * "about" the first customer where the collection has an owner (so the second customer is the
 * stranger), an inactive one where visitors see active rows only, and a staff one otherwise.
 * Also a valid create body per collection, so an open door shows as 201, not as a 400.
 */
export interface AccessTargets {
  make: (slug: string) => Promise<number | string>
  createBody: (slug: string, caller: { id?: number }) => unknown
  /** Takes the packages the tests made (an editor's are created active; a toggle may activate one) off sale again. */
  retire: () => Promise<void>
}

let counter = 0
const unique = (label: string) => `${label}-${Date.now()}-${++counter}`

const photoFile = (photo: Buffer) => ({
  data: photo,
  mimetype: 'image/jpeg',
  name: `${unique('photo')}.jpg`,
  size: photo.length,
})

const photoForm = (photo: Buffer, data: Record<string, unknown>): FormData => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `${unique('photo')}.jpg`)
  form.append('_payload', JSON.stringify(data))
  return form
}

export const accessTargets = async (payload: Payload, callers: Callers): Promise<AccessTargets> => {
  const photo = await portraitJpeg(600, 800)
  const customerId = callers.customer.id
  const customer = await payload.findByID({ collection: 'users', id: customerId, depth: 0 })
  const bySlug = async (slug: string) =>
    (
      await payload.find({
        collection: 'photo-packages',
        where: { slug: { equals: slug } },
        limit: 1,
        depth: 0,
      })
    ).docs[0].id
  const [packageId, secondPackageId] = [await bySlug('wedding-portraits'), await bySlug('engagement')]
  const theme = (
    await payload.find({
      collection: 'package-themes',
      where: { package: { equals: packageId } },
      limit: 1,
      depth: 0,
    })
  ).docs[0]
  const newPackage = async (isActive: boolean) =>
    (
      await payload.create({
        collection: 'photo-packages',
        data: {
          name: unique('Matrix'),
          category: 'artistic',
          isActive,
          imagesPerGeneration: 1,
          basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
        },
      })
    ).id
  const upload = async () =>
    (
      await payload.create({
        collection: 'photo-uploads',
        data: { owner: customerId },
        file: photoFile(photo),
      })
    ).id
  const generation = async () =>
    (
      await payload.create({
        collection: 'generations',
        data: {
          owner: customerId,
          package: packageId,
          theme: theme.id,
          upload: await upload(),
          portraitType: 'single',
          imageCount: 1,
          shootCost: 1,
          status: 'succeeded',
          finishedAt: new Date().toISOString(),
          generationSettings: { aspectRatio: '1:1', quality: 'standard' },
        },
      })
    ).id
  const day = () => `19${String(10 + (counter % 89)).padStart(2, '0')}-01-01`

  const makers: Record<string, () => Promise<number | string>> = {
    users: async () =>
      (
        await payload.create({
          collection: 'users',
          data: { email: `${unique('target')}@example.com`, password: 'target-pass-1', role: 'customer' },
        })
      ).id,
    media: async () =>
      (await payload.create({ collection: 'media', data: { alt: 'matrix' }, file: photoFile(photo) })).id,
    'photo-packages': () => newPackage(false),
    'package-themes': async () =>
      (
        await payload.create({
          collection: 'package-themes',
          data: {
            package: packageId,
            name: unique('Theme'),
            settingPrompt: 'a quiet grey studio backdrop',
            isActive: false,
          },
        })
      ).id,
    'package-pricing-tiers': async () =>
      (
        await payload.create({
          collection: 'package-pricing-tiers',
          data: {
            package: packageId,
            name: unique('Tier'),
            shootsCount: 2,
            priceCents: 200,
            isActive: false,
          },
        })
      ).id,
    'package-bundles': async () =>
      (
        await payload.create({
          collection: 'package-bundles',
          data: {
            name: unique('Bundle'),
            items: [
              { package: packageId, shoots: 2 },
              { package: secondPackageId, shoots: 2 },
            ],
            priceCents: 500,
            isActive: false,
          },
        })
      ).id,
    'photo-uploads': upload,
    generations: generation,
    'generation-results': async () =>
      (
        await payload.create({
          collection: 'generation-results',
          data: { owner: customerId, generation: await generation(), index: 0 },
          file: photoFile(photo),
        })
      ).id,
    'credit-ledger': async () =>
      (
        await payload.create({
          collection: 'credit-ledger',
          data: { user: customerId, kind: 'admin_grant', amount: 0, balanceAfter: 0, reason: 'matrix' },
        })
      ).id,
    'credit-adjustments': async () =>
      (
        await payload.create({
          collection: 'credit-adjustments',
          data: { user: customerId, amount: 1, reason: 'matrix target' },
        })
      ).id,
    purchases: async () =>
      (
        await payload.create({
          collection: 'purchases',
          data: {
            owner: customerId,
            shoots: 1,
            amountCents: 100,
            currency: 'usd',
            status: 'pending',
            stripeSessionId: unique('cs'),
          },
        })
      ).id,
    'image-models': async () =>
      (
        await payload.create({
          collection: 'image-models',
          data: {
            id: unique('gemini-matrix').toLowerCase(),
            label: 'Matrix model',
            imageSizes: ['1K'],
            maxReferenceImages: 1,
            maxPeopleReferences: 1,
            status: 'retired',
          },
        })
      ).id,
    'stripe-events': async () =>
      (
        await payload.create({
          collection: 'stripe-events',
          data: { eventId: unique('evt'), type: 'matrix' },
        })
      ).id,
    // A progress event of the customer's shoot: closed to every API, admins included.
    'generation-events': async () =>
      (
        await payload.create({
          collection: 'generation-events',
          data: { generation: await generation(), seq: 1_000_000 + ++counter, view: { matrix: true } },
        })
      ).id,
    'package-analytics': async () =>
      (
        await payload.create({
          collection: 'package-analytics',
          data: { generation: await generation(), user: customerId },
        })
      ).id,
    'analytics-rollups': async () =>
      (await payload.create({ collection: 'analytics-rollups', data: { key: unique('key'), day: day() } }))
        .id,
    'analytics-user-days': async () =>
      (
        await payload.create({
          collection: 'analytics-user-days',
          data: { day: day(), dayNumber: 1 },
        })
      ).id,
    'analytics-likeness-days': async () =>
      (await payload.create({ collection: 'analytics-likeness-days', data: { day: day() } })).id,
    'analytics-model-days': async () =>
      (await payload.create({ collection: 'analytics-model-days', data: { day: day() } })).id,
    'analytics-rollup-runs': async () =>
      (
        await payload.create({
          collection: 'analytics-rollup-runs',
          data: { startedAt: '2001-01-01T00:00:00.000Z', trigger: 'manual', mode: 'full', status: 'failed' },
        })
      ).id,
    'test-renders': async () =>
      (
        await payload.create({
          collection: 'test-renders',
          data: { theme: theme.id, portraitType: 'single', status: 'succeeded' },
          file: photoFile(photo),
        })
      ).id,
    'payload-kv': async () =>
      (
        await payload.create({
          collection: 'payload-kv',
          data: { key: unique('kv'), data: { matrix: true } },
        })
      ).id,
    'payload-jobs': async () =>
      (await payload.jobs.queue({ task: 'refreshThemeSeasons', input: {}, queue: 'matrix-never-run' })).id,
    // An admin's lock: editors may see it but not release it.
    'payload-locked-documents': async () =>
      (
        await payload.create({
          collection: 'payload-locked-documents',
          data: {
            document: { relationTo: 'photo-packages', value: await newPackage(false) },
            user: { relationTo: 'users', value: callers.admin.id },
          },
        })
      ).id,
    // Payload sets a preference's user from the request: made as the customer.
    'payload-preferences': async () =>
      (
        await payload.create({
          collection: 'payload-preferences',
          data: {
            key: unique('pref'),
            value: { matrix: true },
            user: { relationTo: 'users', value: customerId },
          },
          user: { ...customer, collection: 'users' },
        })
      ).id,
    // Serves no REST at all: any id will do.
    'payload-migrations': async () => 1,
  }

  const bodies: Record<string, (caller: { id?: number }) => unknown> = {
    users: () => ({ email: `${unique('signup')}@example.com`, password: 'violet-lantern-42' }),
    media: () => photoForm(photo, { alt: 'matrix' }),
    'photo-packages': () => ({ name: unique('Created'), category: 'artistic', isActive: false }),
    'package-themes': () => ({
      package: packageId,
      name: unique('Theme'),
      settingPrompt: 'a quiet grey studio backdrop',
      isActive: false,
    }),
    'package-pricing-tiers': () => ({
      package: packageId,
      name: unique('Tier'),
      shootsCount: 2,
      priceCents: 200,
      isActive: false,
    }),
    'package-bundles': () => ({
      name: unique('Bundle'),
      items: [
        { package: packageId, shoots: 2 },
        { package: secondPackageId, shoots: 2 },
      ],
      priceCents: 500,
      isActive: false,
    }),
    'photo-uploads': () => photoForm(photo, {}),
    generations: () => ({
      owner: customerId,
      package: packageId,
      theme: theme.id,
      portraitType: 'single',
      imageCount: 1,
      shootCost: 1,
    }),
    'generation-results': () => photoForm(photo, { owner: customerId, index: 0 }),
    'credit-ledger': (caller) => ({
      user: caller.id ?? customerId,
      kind: 'admin_grant',
      amount: 100,
      balanceAfter: 100,
    }),
    'credit-adjustments': () => ({ user: customerId, amount: 1, reason: 'matrix create' }),
    purchases: (caller) => ({
      owner: caller.id ?? customerId,
      shoots: 100,
      amountCents: 0,
      currency: 'usd',
      status: 'paid',
    }),
    'image-models': () => ({
      id: unique('gemini-matrix').toLowerCase(),
      label: 'Matrix model',
      imageSizes: ['1K'],
      maxReferenceImages: 1,
      maxPeopleReferences: 1,
      status: 'retired',
    }),
    'stripe-events': () => ({ eventId: unique('evt'), type: 'checkout.session.completed' }),
    'generation-events': () => ({ generation: 1, seq: 1, view: { injected: true } }),
    'package-analytics': () => ({ user: customerId }),
    'analytics-rollups': () => ({ key: unique('key'), day: '2001-01-01' }),
    'analytics-user-days': () => ({ day: '2001-01-01', dayNumber: 1 }),
    'analytics-likeness-days': () => ({ day: '2001-01-01' }),
    'analytics-model-days': () => ({ day: '2001-01-01' }),
    'analytics-rollup-runs': () => ({
      startedAt: '2001-01-01T00:00:00.000Z',
      trigger: 'manual',
      mode: 'full',
      status: 'running',
    }),
    'test-renders': () => photoForm(photo, { portraitType: 'single', status: 'succeeded' }),
    'payload-kv': () => ({ key: unique('kv'), data: { injected: true } }),
    'payload-jobs': () => ({ taskSlug: 'refreshThemeSeasons', input: {}, queue: 'matrix-never-run' }),
    'payload-locked-documents': (caller) => ({
      document: { relationTo: 'photo-packages', value: packageId },
      user: { relationTo: 'users', value: caller.id ?? customerId },
    }),
    'payload-preferences': () => ({ key: unique('pref'), value: { matrix: true } }),
    'payload-migrations': () => ({ name: 'injected', batch: 1 }),
  }

  return {
    retire: async () => {
      const made = { or: [{ name: { like: 'Matrix-' } }, { name: { like: 'Created-' } }] }
      await payload.update({
        collection: 'photo-packages',
        where: made,
        data: { isActive: false, isFeatured: false },
        depth: 0,
      })
    },
    make: (slug) => {
      const maker = makers[slug]
      if (!maker) throw new Error(`No access target for ${slug}: add one to tests/support/accessTargets.ts`)
      return maker()
    },
    createBody: (slug, caller) => {
      const body = bodies[slug]
      if (!body) throw new Error(`No create body for ${slug}: add one to tests/support/accessTargets.ts`)
      return body(caller)
    },
  }
}
