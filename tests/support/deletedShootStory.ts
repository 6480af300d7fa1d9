import type { Payload } from 'payload'

import { ApiClient } from './client'
import { newCustomer, uploadPhoto, waitForGeneration } from './generation'
import { portraitJpeg } from './images'

/** What the story saw, for the test to check (plain JSON: the SQLite run prints it from a child). */
export interface DeletedShootFacts {
  first: { id: number; uuid: string; shootCost: number }
  second: { id: number; uuid: string; shootCost: number; status: string }
  balanceBeforeSecond: number
  balanceAfterSecond: number
  ledgerSum: number
  /** The second shoot's ledger rows (by its reference), oldest first. */
  secondRows: Array<{ kind: string; amount: number; reason: string }>
  /** The customer's history as GET /api/credit-ledger answers it, oldest first. */
  history: Array<{ kind: string; amount: number; reason: string; reference: string | null }>
}

/** The story runs outside vitest too (the SQLite child): a failed step throws with what it got. */
const must = (ok: boolean, step: string, got: unknown) => {
  if (!ok) throw new Error(`${step}: got ${JSON.stringify(got)}`)
}

const shoot = async (payload: Payload, client: ApiClient, packageSlug: string, uploadId: number) => {
  const pkg = (await client.get(`/api/packages/${packageSlug}`)).body.package
  const accepted = await client.post('/api/generate', {
    packageSlug,
    themeId: pkg.themes.find((theme: { isPremium: boolean }) => !theme.isPremium).id,
    uploadId,
    portraitType: 'single',
    generationSettings: { aspectRatio: '3:4', quality: 'standard' },
  })
  must(accepted.status === 202, `POST /api/generate (${packageSlug})`, accepted.body)
  return waitForGeneration(payload, accepted.body.generationId)
}

/**
 * The story over REST, as a customer and an admin do it: a Wedding shoot, deleted the way
 * /account deletes it (DELETE /api/generations/:id as its owner), 10 shoots given by an admin's
 * credit adjustment, then a Professional Headshots shoot. `afterDelete` may make the database give
 * the deleted id again (the Postgres test restarts the sequence there).
 */
export const deletedShootStory = async (
  payload: Payload,
  baseUrl: string,
  afterDelete: (deletedId: number) => Promise<void> = async () => undefined,
): Promise<DeletedShootFacts> => {
  const customer = new ApiClient(baseUrl)
  const admin = await new ApiClient(baseUrl).login('admin@photo-packages.local', 'admin-demo-pass')
  const user = await newCustomer(payload, customer, 'deleted-shoot')
  const upload = await uploadPhoto(customer, await portraitJpeg())
  must(upload.status === 201, 'POST /api/photo-uploads', upload.body)

  const first = await shoot(payload, customer, 'wedding-portraits', upload.body.doc.id)
  must(first.status === 'succeeded', 'the first shoot', first.status)
  const deleted = await customer.delete(`/api/generations/${first.id}`)
  must(deleted.status === 200, `DELETE /api/generations/${first.id}`, deleted.body)
  await afterDelete(first.id)

  const grant = await admin.post('/api/credit-adjustments', {
    user: user.id,
    amount: 10,
    reason: 'Ten shoots on the house',
  })
  must(grant.status === 201, 'POST /api/credit-adjustments', grant.body)
  const balanceBeforeSecond = (await customer.get('/api/users/me')).body.user.shootCredits

  const second = await shoot(payload, customer, 'professional-headshots', upload.body.doc.id)
  const balanceAfterSecond = (await customer.get('/api/users/me')).body.user.shootCredits
  const rows = await payload.find({
    collection: 'credit-ledger',
    where: { reference: { equals: `generation:${second.uuid}` } },
    sort: 'id',
    pagination: false,
    depth: 0,
  })
  const history = await customer.get('/api/credit-ledger?sort=id&limit=100&depth=0')
  must(history.status === 200, 'GET /api/credit-ledger', history.body)
  const all = await payload.find({
    collection: 'credit-ledger',
    where: { user: { equals: user.id } },
    pagination: false,
    depth: 0,
  })
  const pick = ({ kind, amount, reason }: { kind: string; amount: number; reason?: string | null }) => ({
    kind,
    amount,
    reason: reason ?? '',
  })
  return {
    first: { id: first.id, uuid: first.uuid as string, shootCost: first.shootCost },
    second: {
      id: second.id,
      uuid: second.uuid as string,
      shootCost: second.shootCost,
      status: second.status,
    },
    balanceBeforeSecond,
    balanceAfterSecond,
    ledgerSum: all.docs.reduce((sum, row) => sum + row.amount, 0),
    secondRows: rows.docs.map(pick),
    history: history.body.docs.map((row: { reference?: string | null } & Parameters<typeof pick>[0]) => ({
      ...pick(row),
      reference: row.reference ?? null,
    })),
  }
}
