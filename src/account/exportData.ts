import path from 'node:path'

import { zipSync } from 'fflate'
import type { PayloadRequest } from 'payload'

import { readStoredFile, type StoredFileRef } from '@/storage/files'

type Zippable = Record<string, [Uint8Array, { level: 0 | 6 }]>

const all = async <T>(
  req: PayloadRequest,
  collection: 'purchases' | 'credit-ledger' | 'generations' | 'photo-uploads' | 'generation-results',
  field: string,
  userId: number,
) =>
  (
    await req.payload.find({
      collection,
      where: { [field]: { equals: userId } },
      sort: 'createdAt',
      pagination: false,
      depth: 0,
      req,
      overrideAccess: true,
      // The export is the one answer that carries face descriptors (the customer's own data).
      context: { faceDescriptors: true },
    })
  ).docs as T[]

/**
 * "Export my data": a ZIP with `account.json` (account, purchases, credit ledger,
 * generations, photo and portrait lists) plus every stored photo (`photos/`) and portrait
 * (`portraits/generation-<id>/`). Read-only; a file missing from storage is exported empty.
 */
export const exportMyData = async (
  req: PayloadRequest,
  user: { id: number },
): Promise<{ filename: string; data: Uint8Array }> => {
  const account = await req.payload.findByID({
    collection: 'users',
    id: user.id,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const [purchases, ledger, generations, photos, portraits] = await Promise.all([
    all<Record<string, unknown>>(req, 'purchases', 'owner', user.id),
    all<Record<string, unknown>>(req, 'credit-ledger', 'user', user.id),
    all<Record<string, unknown>>(req, 'generations', 'owner', user.id),
    all<
      StoredFileRef & {
        id: number
        filename: string
        createdAt: string
        role?: string | null
        qualityScore?: number | null
        qualityReasons?: unknown
        faces?: unknown
      }
    >(req, 'photo-uploads', 'owner', user.id),
    all<StoredFileRef & { id: number; filename: string; generation: number; index: number }>(
      req,
      'generation-results',
      'owner',
      user.id,
    ),
  ])
  const files: Zippable = {}
  const photoNames = new Map<number, string>()
  for (const photo of photos) {
    const name = `photos/${photo.id}-${path.basename(photo.filename)}`
    photoNames.set(photo.id, name)
    files[name] = [
      await readStoredFile(req.payload, 'photo-uploads', photo).catch(() => Buffer.alloc(0)),
      { level: 0 },
    ]
  }
  const portraitNames = new Map<number, string>()
  for (const portrait of portraits) {
    const name = `portraits/generation-${portrait.generation}/portrait-${portrait.index + 1}${path.extname(portrait.filename) || '.webp'}`
    portraitNames.set(portrait.id, name)
    files[name] = [
      await readStoredFile(req.payload, 'generation-results', portrait).catch(() => Buffer.alloc(0)),
      { level: 0 },
    ]
  }
  const document = {
    exportedAt: new Date().toISOString(),
    account: {
      id: account.id,
      email: account.email,
      name: account.name ?? null,
      role: account.role,
      shootCredits: account.shootCredits ?? 0,
      createdAt: account.createdAt,
    },
    purchases: purchases.map(({ checkoutUrl: _url, ...purchase }) => purchase),
    creditLedger: ledger.map(({ idempotencyKey: _key, ...row }) => row),
    // The studio's built prompt is its own work, not the customer's data; their wishes are kept.
    generations: generations.map(
      ({ prompt: _prompt, leaseExpiresAt: _lease, attempt: _attempt, ...generation }) => generation,
    ),
    photos: photos.map((photo) => ({
      id: photo.id,
      createdAt: photo.createdAt,
      file: photoNames.get(photo.id),
      role: photo.role ?? null,
      qualityScore: photo.qualityScore ?? null,
      qualityReasons: photo.qualityReasons ?? null,
      // Each face's box and descriptor: biometric data derived from the photo, so it is the customer's too.
      faces: photo.faces ?? null,
    })),
    portraits: portraits.map((portrait) => ({
      id: portrait.id,
      generation: portrait.generation,
      index: portrait.index,
      file: portraitNames.get(portrait.id),
    })),
  }
  files['account.json'] = [new TextEncoder().encode(JSON.stringify(document, null, 2)), { level: 6 }]
  return {
    filename: `photo-packages-my-data-${new Date().toISOString().slice(0, 10)}.zip`,
    data: zipSync(files),
  }
}
