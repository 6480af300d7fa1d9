import { anniversary } from './anniversary'
import { engagement } from './engagement'
import { professionalHeadshots } from './professionalHeadshots'
import { retiredStudioClassics } from './retiredPackage'
import type { SeedPackage } from './types'
import { weddingPortraits } from './weddingPortraits'

export type { SeedPackage, SeedTheme, SeedTier } from './types'

/** The launch catalog, in display order, plus one inactive package. */
export const catalogSeed: SeedPackage[] = [
  weddingPortraits,
  engagement,
  professionalHeadshots,
  anniversary,
  retiredStudioClassics,
]
