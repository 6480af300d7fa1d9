import type { DetectedFace } from './detect'

/** A photo's faces against what its role needs: how many, how big, how sharp. */
export interface FaceRules {
  /** Smallest face accepted, in pixels across (the studio's FACE_MIN_PX, default 160). */
  minFacePx: number
  /** Sharpness (variance of the Laplacian) under which a face is refused as blurred. */
  minSharpness: number
  /** How many faces the photo must show: [min, max]. */
  faces: readonly [number, number]
  /** What the photo was marked as, for the messages ("a photo of one person"). */
  shows: string
}

export type FaceRefusalReason = 'no_face' | 'too_many_faces' | 'too_few_faces' | 'face_too_small' | 'blurred'

export type FaceVerdict =
  | { accepted: true; score: number; reasons: string[] }
  | { accepted: false; reason: FaceRefusalReason; message: string }

/** Sharpness at or above this costs no points; between minSharpness and this, up to 25. */
const SHARP_ENOUGH = 150
/** A face at least this many times the minimum size costs no points. */
const BIG_ENOUGH = 1.6
/** Detector scores at or above this cost no points. */
const CONFIDENT = 0.85

const people = (count: number) => (count === 1 ? 'one face' : `${count} faces`)

/**
 * Refuses a photo that cannot make a good portrait, naming what to fix, or scores it 0-100 with
 * the reasons for every point taken off (the upload page shows them before anything is spent).
 * Refusals, in order: no face; more or fewer faces than the role takes; a face under
 * `minFacePx`; a face under `minSharpness`. Pure: the caller ran the detector.
 */
export const judgeFaces = (faces: readonly DetectedFace[], rules: FaceRules): FaceVerdict => {
  const [min, max] = rules.faces
  if (faces.length === 0)
    return {
      accepted: false,
      reason: 'no_face',
      message: 'We could not find a face in this photo. Upload a photo in which the face is clearly visible.',
    }
  if (faces.length > max)
    return {
      accepted: false,
      reason: 'too_many_faces',
      message: `This photo shows ${people(faces.length)}, but it is marked as ${rules.shows}, which takes ${max === min ? people(max) : `${min} to ${max} faces`}. Upload a photo of just ${max === 1 ? 'that person' : 'those people'}, or mark it as a photo of everyone in it.`,
    }
  if (faces.length < min)
    return {
      accepted: false,
      reason: 'too_few_faces',
      message: `This photo shows ${people(faces.length)}, but it is marked as ${rules.shows}, which takes ${min === max ? people(min) : `${min} to ${max} faces`}.`,
    }
  const smallest = faces.reduce((a, b) => (b.sizePx < a.sizePx ? b : a))
  if (smallest.sizePx < rules.minFacePx)
    return {
      accepted: false,
      reason: 'face_too_small',
      message: `The face is only ${smallest.sizePx} px across; it needs at least ${rules.minFacePx} px. Upload a closer or larger photo.`,
    }
  const softest = faces.reduce((a, b) => (b.sharpness < a.sharpness ? b : a))
  if (softest.sharpness < rules.minSharpness)
    return {
      accepted: false,
      reason: 'blurred',
      message: 'The face is too blurred. Upload a sharp, in-focus photo.',
    }
  const reasons: string[] = []
  let score = 100
  const sizeRatio = smallest.sizePx / rules.minFacePx
  if (sizeRatio < BIG_ENOUGH) {
    const lost = Math.round((20 * (BIG_ENOUGH - sizeRatio)) / (BIG_ENOUGH - 1))
    score -= lost
    reasons.push(`The face is small (${smallest.sizePx} px across); a closer photo gives more detail.`)
  }
  if (softest.sharpness < SHARP_ENOUGH) {
    score -= Math.round((25 * (SHARP_ENOUGH - softest.sharpness)) / (SHARP_ENOUGH - rules.minSharpness))
    reasons.push('The face is a little soft; a sharper photo keeps more likeness.')
  }
  const weakest = Math.min(...faces.map((face) => face.score))
  if (weakest < CONFIDENT) {
    score -= Math.min(25, Math.round((CONFIDENT - weakest) * 100))
    reasons.push('The face is partly turned, covered or unevenly lit; a clear front view works best.')
  }
  if (reasons.length === 0) reasons.push('A clear, sharp, well-sized face.')
  return { accepted: true, score: Math.max(0, Math.min(100, score)), reasons }
}
