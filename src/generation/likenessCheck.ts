import type { Payload } from 'payload'

import { detectFaces } from '@/faces/detect'
import {
  DEFAULT_LIKENESS_RETRIES,
  DEFAULT_LIKENESS_THRESHOLD,
  type LikenessResult,
  type LikenessTarget,
  likenessTarget,
  type ReferenceFaces,
  scoreLikeness,
} from '@/faces/likeness'
import { relationId } from '@/lib/relationId'
import type { Generation, PhotoPackage } from '@/payload-types'

/** The long edge a portrait is scanned at: its faces are large, and 512 px costs about a third less than 1024. */
const LIKENESS_EDGE_PX = 512

/** What a shoot's portraits are checked against: who they must show, the threshold and the retry bound. */
export interface LikenessPlan {
  /** Null: not checked (a reference photo has no stored faces). */
  target: LikenessTarget | null
  threshold: number
  retries: number
}

/**
 * The likeness plan of a generation: its reference photos' faces by role, and the package's
 * threshold and retry bound (the defaults, 0.70 and 1, when the package has none or is gone).
 */
export const likenessPlan = async (
  payload: Payload,
  generation: Generation,
  references: ReferenceFaces[],
): Promise<LikenessPlan> => {
  const packageId = relationId(generation.package)
  const pkg =
    packageId === undefined
      ? null
      : ((await payload
          .findByID({ collection: 'photo-packages', id: packageId, depth: 0, overrideAccess: true })
          .catch(() => null)) as PhotoPackage | null)
  return {
    target: likenessTarget(generation.portraitType, references, generation.familyMemberCount),
    threshold: pkg?.likeness?.threshold ?? DEFAULT_LIKENESS_THRESHOLD,
    retries: pkg?.likeness?.retries ?? DEFAULT_LIKENESS_RETRIES,
  }
}

/**
 * Detects the faces in a portrait the provider made and scores it against the plan. Null when it
 * is not checked: no target, or this process cannot load the face models or read the image
 * (logged; the portrait is delivered unchecked rather than refused for our failure).
 */
export const checkLikeness = async (
  image: Buffer,
  plan: LikenessPlan,
  logger: Payload['logger'],
): Promise<LikenessResult | null> => {
  if (!plan.target) return null
  try {
    const scan = await detectFaces(image, { sharpness: false, edge: LIKENESS_EDGE_PX })
    return scoreLikeness(scan.faces, plan.target, plan.threshold)
  } catch (error) {
    logger.warn({ err: error, msg: 'likeness check skipped: the portrait could not be scanned' })
    return null
  }
}

/** The result row's `likeness` group for a checked portrait. */
export const likenessFields = (result: LikenessResult, retries: number) => ({
  score: result.score,
  passed: result.passed,
  threshold: result.threshold,
  facesFound: result.facesFound,
  facesExpected: result.facesExpected,
  retries,
  people: result.people,
})
