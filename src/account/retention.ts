import { createLocalReq, type Payload } from 'payload'

import { queueEmail } from '@/email/queue'
import { deleteAll } from '@/lib/deleteAll'
import { retentionDays } from '@/lib/retention'
import { inTransaction } from '@/lib/transactions'

const DAY_MS = 24 * 60 * 60 * 1000
const REMINDER_DAYS = 7

export interface RetentionResult {
  photosDeleted: number
  generationsDeleted: number
  remindersQueued: number
}

/**
 * The retention rules, run by a daily job (and by tests with an injected clock):
 * - a photo is deleted PHOTO_RETENTION_DAYS after its last use (its newest shoot, or its
 *   upload if never used);
 * - a shoot's portraits (the shoot with them) are deleted PORTRAIT_RETENTION_DAYS after it was
 *   made; a week before, each owner gets one reminder e-mail for the shoots about to go.
 * Shoots still queued or running are never touched. Each step is its own transaction.
 */
export const applyRetention = async (payload: Payload, now = new Date()): Promise<RetentionResult> => {
  const { photoDays, portraitDays } = retentionDays()
  const photoCutoff = new Date(now.getTime() - photoDays * DAY_MS).toISOString()
  const portraitCutoff = new Date(now.getTime() - portraitDays * DAY_MS).toISOString()
  const reminderCutoff = new Date(now.getTime() - (portraitDays - REMINDER_DAYS) * DAY_MS).toISOString()
  const closed = { status: { not_in: ['queued', 'running'] } }

  const generationsDeleted = await inTransaction(await createLocalReq({}, payload), (req) =>
    deleteAll(req, 'generations', { and: [{ createdAt: { less_than: portraitCutoff } }, closed] }),
  )

  // Photos uploaded before the cutoff and used by no shoot made since.
  const { docs: oldPhotos } = await payload.find({
    collection: 'photo-uploads',
    where: { createdAt: { less_than: photoCutoff } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const stale: number[] = []
  for (const photo of oldPhotos) {
    const { totalDocs } = await payload.count({
      collection: 'generations',
      where: { or: [{ and: [{ upload: { equals: photo.id } }, { createdAt: { greater_than_equal: photoCutoff } }] }, { and: [{ upload: { equals: photo.id } }, { status: { in: ['queued', 'running'] } }] }] },
      overrideAccess: true,
    })
    if (totalDocs === 0) stale.push(photo.id)
  }
  const photosDeleted = stale.length
    ? await inTransaction(await createLocalReq({}, payload), (req) => deleteAll(req, 'photo-uploads', { id: { in: stale } }))
    : 0

  // One reminder per owner for shoots entering their last week, once (retentionReminderSentAt).
  const { docs: dueSoon } = await payload.find({
    collection: 'generations',
    where: { and: [{ createdAt: { less_than: reminderCutoff } }, { retentionReminderSentAt: { exists: false } }, closed] },
    select: { owner: true, createdAt: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const byOwner = new Map<number, { ids: number[]; oldest: string }>()
  for (const generation of dueSoon) {
    const owner = Number(generation.owner)
    const entry = byOwner.get(owner) ?? { ids: [], oldest: generation.createdAt }
    entry.ids.push(generation.id)
    if (generation.createdAt < entry.oldest) entry.oldest = generation.createdAt
    byOwner.set(owner, entry)
  }
  for (const [owner, { ids, oldest }] of byOwner) {
    await inTransaction(await createLocalReq({}, payload), async (req) => {
      const portraits = await req.payload.count({ collection: 'generation-results', where: { generation: { in: ids } }, req, overrideAccess: true })
      const deleteOn = new Date(new Date(oldest).getTime() + portraitDays * DAY_MS).toISOString().slice(0, 10)
      await queueEmail(req, { template: 'retentionReminder', userId: owner, data: { portraits: portraits.totalDocs, deleteOn } })
      await req.payload.update({
        collection: 'generations',
        where: { id: { in: ids } },
        data: { retentionReminderSentAt: now.toISOString() },
        req,
        overrideAccess: true,
      })
    })
  }
  return { photosDeleted, generationsDeleted, remindersQueued: byOwner.size }
}
