import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { inTransaction } from '@/lib/transactions'

import type { SeedPackage } from './catalog/types'
import { changedKeys } from './sameValues'

export interface UpsertSummary {
  slug: string
  created: number
  updated: number
  unchanged: number
}

type ChildCollection = 'package-themes' | 'package-pricing-tiers'

const upsertByName = async (
  req: PayloadRequest,
  collection: ChildCollection,
  packageId: number,
  rows: Record<string, unknown>[],
  summary: UpsertSummary,
) => {
  const { docs } = await req.payload.find({
    collection,
    where: { package: { equals: packageId } },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  for (const row of rows) {
    const data: Record<string, unknown> = { ...row, package: packageId }
    const existing = docs.find((doc) => doc.name === row.name)
    if (!existing) {
      await req.payload.create({ collection, data: data as never, req, overrideAccess: true, depth: 0 })
      summary.created++
      continue
    }
    const changed = changedKeys(data, existing as unknown as Record<string, unknown>)
    if (changed.length === 0) {
      summary.unchanged++
      continue
    }
    const patch = Object.fromEntries(changed.map((key) => [key, data[key]]))
    await req.payload.update({
      collection,
      id: existing.id,
      data: patch as never,
      req,
      overrideAccess: true,
      depth: 0,
    })
    summary.updated++
  }
}

/**
 * Upserts one package of studio `studio` with its themes and tiers, matched by slug (within the
 * studio: two studios may each have a `wedding-portraits`) and by name, in ONE transaction: an
 * invalid theme or tier leaves nothing of the package behind. A second run with the same data
 * writes nothing. Themes and tiers take the package's studio (hooks/assignStudio.ts).
 */
export const upsertCatalogPackage = async (
  payload: Payload,
  seed: SeedPackage,
  studio: number,
): Promise<UpsertSummary> => {
  const req = await createLocalReq({ context: { disableRevalidate: true } }, payload)
  return inTransaction(req, async (req) => {
    const { themes, tiers, ...fields } = seed
    const summary: UpsertSummary = { slug: seed.slug, created: 0, updated: 0, unchanged: 0 }
    const { docs } = await payload.find({
      collection: 'photo-packages',
      where: { and: [{ slug: { equals: seed.slug } }, { studio: { equals: studio } }] },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    let packageId: number
    const existing = docs[0]
    if (!existing) {
      const created = await payload.create({
        collection: 'photo-packages',
        data: { ...fields, studio } as never,
        req,
        overrideAccess: true,
        depth: 0,
      })
      packageId = created.id
      summary.created++
    } else {
      packageId = existing.id
      const changed = changedKeys(fields, existing as unknown as Record<string, unknown>)
      if (changed.length) {
        const patch = Object.fromEntries(
          changed.map((key) => [key, (fields as Record<string, unknown>)[key]]),
        )
        await payload.update({
          collection: 'photo-packages',
          id: packageId,
          data: patch,
          req,
          overrideAccess: true,
          depth: 0,
        })
        summary.updated++
      } else summary.unchanged++
    }
    await upsertByName(
      req,
      'package-themes',
      packageId,
      themes as unknown as Record<string, unknown>[],
      summary,
    )
    await upsertByName(
      req,
      'package-pricing-tiers',
      packageId,
      tiers as unknown as Record<string, unknown>[],
      summary,
    )
    return summary
  })
}
