import { createLocalReq, type Payload } from 'payload'

import { queueEmail } from '@/email/queue'
import { deleteAll } from '@/lib/deleteAll'
import { relationId } from '@/lib/relationId'
import { settings } from '@/lib/settings'
import { inTransaction } from '@/lib/transactions'

const DAY_MS = 24 * 60 * 60 * 1000
/** The reminder goes out this many days before portraits are deleted. */
export const REMINDER_DAYS = 7
/**
 * An account whose sign-up link was never opened is deleted this many days after its last link
 * expired: its address is free again, and nothing of it was ever used (it could not sign in; its
 * trial comes at confirmation).
 */
export const UNCONFIRMED_ACCOUNT_DAYS = 7

export interface RetentionResult {
  photosDeleted: number
  generationsDeleted: number
  remindersQueued: number
  unconfirmedAccountsDeleted: number
}

const OPEN = ['queued', 'running']

/**
 * The ids of photos a shoot still needs or used recently: any reference photo of a shoot that
 * is open, or that was made on or after `since`.
 */
const photosInUse = async (payload: Payload, since: string): Promise<Set<number>> => {
  const { docs } = await payload.find({
    collection: 'generations',
    where: { or: [{ createdAt: { greater_than_equal: since } }, { status: { in: OPEN } }] },
    select: { upload: true, references: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const used = new Set<number>()
  for (const generation of docs) {
    const first = relationId(generation.upload)
    if (first !== undefined) used.add(first)
    for (const row of generation.references ?? []) {
      const id = relationId(row.upload)
      if (id !== undefined) used.add(id)
    }
  }
  return used
}

/**
 * The retention rules, run by a daily job (and by tests with an injected clock):
 * - a photo is deleted PHOTO_RETENTION_DAYS after its last use (its newest shoot, or its
 *   upload if never used), documents and files; shoots that used it keep their portraits;
 * - a shoot with its portraits is deleted PORTRAIT_RETENTION_DAYS after it was made; a week
 *   before, each owner gets one reminder e-mail for their delivered portraits about to go
 *   (marked with retentionReminderSentAt so it is sent once);
 * - an account still waiting for its sign-up link is deleted UNCONFIRMED_ACCOUNT_DAYS after its
 *   newest link expired (a resent link starts the count again).
 * Shoots still queued or running, and the photos they use, are never touched. Each step is
 * its own transaction. Returns the counts.
 */
export const applyRetention = async (payload: Payload, now = new Date()): Promise<RetentionResult> => {
  const { photoRetentionDays: photoDays, portraitRetentionDays: portraitDays } = settings()
  const photoCutoff = new Date(now.getTime() - photoDays * DAY_MS).toISOString()
  const portraitCutoff = new Date(now.getTime() - portraitDays * DAY_MS).toISOString()
  const reminderCutoff = new Date(now.getTime() - (portraitDays - REMINDER_DAYS) * DAY_MS).toISOString()
  const closed = { status: { not_in: OPEN } }

  const generationsDeleted = await inTransaction(await createLocalReq({}, payload), (req) =>
    deleteAll(req, 'generations', { and: [{ createdAt: { less_than: portraitCutoff } }, closed] }),
  )

  const { docs: oldPhotos } = await payload.find({
    collection: 'photo-uploads',
    where: { createdAt: { less_than: photoCutoff } },
    select: { createdAt: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const inUse = oldPhotos.length ? await photosInUse(payload, photoCutoff) : new Set<number>()
  const stale = oldPhotos.map((photo) => photo.id).filter((id) => !inUse.has(id))
  const photosDeleted = stale.length
    ? await inTransaction(await createLocalReq({}, payload), (req) =>
        deleteAll(req, 'photo-uploads', { id: { in: stale } }),
      )
    : 0

  // Delivered portraits entering their last week, not yet announced: one e-mail per owner.
  const { docs: dueSoon } = await payload.find({
    collection: 'generations',
    where: {
      and: [
        { createdAt: { less_than: reminderCutoff } },
        { retentionReminderSentAt: { exists: false } },
        { status: { in: ['succeeded', 'partially_succeeded'] } },
      ],
    },
    select: { owner: true, createdAt: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const byOwner = new Map<number, { ids: number[]; oldest: string }>()
  for (const generation of dueSoon) {
    const owner = relationId(generation.owner)
    if (owner === undefined) continue
    const entry = byOwner.get(owner) ?? { ids: [], oldest: generation.createdAt }
    entry.ids.push(generation.id)
    if (generation.createdAt < entry.oldest) entry.oldest = generation.createdAt
    byOwner.set(owner, entry)
  }
  for (const [owner, { ids, oldest }] of byOwner) {
    await inTransaction(await createLocalReq({}, payload), async (req) => {
      const portraits = await req.payload.count({
        collection: 'generation-results',
        where: { generation: { in: ids } },
        req,
        overrideAccess: true,
      })
      const deleteOn = new Date(new Date(oldest).getTime() + portraitDays * DAY_MS).toISOString().slice(0, 10)
      await queueEmail(req, {
        template: 'retentionReminder',
        userId: owner,
        data: { portraits: portraits.totalDocs, deleteOn },
      })
      await req.payload.update({
        collection: 'generations',
        where: { id: { in: ids } },
        data: { retentionReminderSentAt: now.toISOString() },
        req,
        overrideAccess: true,
      })
    })
  }

  const unconfirmedCutoff = new Date(now.getTime() - UNCONFIRMED_ACCOUNT_DAYS * DAY_MS).toISOString()
  const unconfirmedAccountsDeleted = await inTransaction(await createLocalReq({}, payload), (req) =>
    deleteAll(req, 'users', {
      and: [
        { _verified: { equals: false } },
        {
          or: [
            { verificationExpiresAt: { less_than: unconfirmedCutoff } },
            {
              and: [
                { verificationExpiresAt: { exists: false } },
                { createdAt: { less_than: unconfirmedCutoff } },
              ],
            },
          ],
        },
      ],
    }),
  )
  return { photosDeleted, generationsDeleted, remindersQueued: byOwner.size, unconfirmedAccountsDeleted }
}
