import type { Payload } from 'payload'

import { studioIdOf } from '@/studios/studioOwned'

import { invalidateCatalog } from './invalidate'
import { isInSeason } from './season'

export interface SeasonRefresh {
  at: string
  checked: number
  movedIn: number[]
  movedOut: number[]
}

/**
 * Marks every theme in or out of season as of `now` (an injectable clock), writing only the
 * themes whose flag changes, then clears the catalog cache and revalidates the catalog pages of the
 * studios those themes belong to (of every studio when one belongs to none).
 * The public catalog already decides season by date; the flag is for staff lists and filters.
 */
export const refreshThemeSeasons = async (
  payload: Payload,
  now: Date = new Date(),
): Promise<SeasonRefresh> => {
  const { docs } = await payload.find({
    collection: 'package-themes',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { isSeasonal: true, seasonStart: true, seasonEnd: true, inSeason: true, studio: true },
  })
  const movedIn: number[] = []
  const movedOut: number[] = []
  const studios: (number | undefined)[] = []
  for (const theme of docs) {
    const inSeason = isInSeason(theme, now)
    if (Boolean(theme.inSeason) === inSeason) continue
    // Straight to the column: the flag is derived, and an old theme that no longer passes a
    // newer validation rule must still get the right flag.
    await payload.db.updateOne({
      collection: 'package-themes',
      id: theme.id,
      data: { inSeason },
      returning: false,
    })
    ;(inSeason ? movedIn : movedOut).push(theme.id)
    studios.push(studioIdOf(theme.studio))
  }
  if (studios.length) {
    await invalidateCatalog({ studio: studios.includes(undefined) ? undefined : (studios as number[]) })
  }
  return { at: now.toISOString(), checked: docs.length, movedIn, movedOut }
}
