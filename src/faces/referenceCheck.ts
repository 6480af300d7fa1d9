import type { ReferenceRole } from '@/prompt'

import type { StoredFace } from './likeness'
import { FACES_FOR_ROLE, ROLE_SHOWS } from './roles'
import { bestSimilarity } from './similarity'

/** What an upload stored about its faces (PhotoUploads `faceCount` and `faces`); both empty before face checks. */
export interface ReferencePhoto {
  faceCount?: number | null
  faces?: readonly StoredFace[] | null
}

export interface ReferenceCheckInput {
  portraitType: 'single' | 'couple' | 'family'
  /** Each photo's role at this shoot, in the order sent. */
  roles: readonly ReferenceRole[]
  photos: readonly ReferencePhoto[]
  /** The family's size (family portraits only). */
  familyMemberCount?: number | null
  /** The package's likeness threshold (cosine similarity, 0-1): the same bar a portrait must clear. */
  threshold: number
}

const people = (count: number) => (count === 1 ? '1 person' : `${count} people`)
const percent = (value: number) => `${Math.round(value * 100)}%`
const descriptorOf = (photo: ReferencePhoto): number[] | null => {
  const descriptor = photo.faces?.[0]?.descriptor
  return descriptor?.length ? [...descriptor] : null
}

/**
 * Why these photos, in these roles, cannot make the shoot, or null when they can. Checked with the
 * faces stored at upload (photos from before face checks have none and pass), so that a shoot's
 * role cannot undo the upload's check:
 * - each photo shows as many faces as its role takes (FACES_FOR_ROLE): a couple photo is not "You";
 * - "another angle" shows the same person as "You", at the package's likeness threshold;
 * - a family's photos show at least as many people as the family has (a single-person photo that
 *   matches no face of the group photo is one more person).
 */
export const referenceFacesProblem = (input: ReferenceCheckInput): string | null => {
  const { roles, photos, threshold } = input
  for (const [index, photo] of photos.entries()) {
    if (typeof photo.faceCount !== 'number') continue
    const [min, max] = FACES_FOR_ROLE[roles[index]]
    if (photo.faceCount < min || photo.faceCount > max) {
      return (
        `Photo ${index + 1} shows ${people(photo.faceCount)}, but it is marked as ${ROLE_SHOWS[roles[index]]}: ` +
        'mark it for what it shows, or choose another photo.'
      )
    }
  }
  if (input.portraitType === 'single') {
    const you = photos.filter((_, index) => roles[index] === 'person').map(descriptorOf)
    const known = you.filter((descriptor): descriptor is number[] => descriptor !== null)
    for (const [index, photo] of photos.entries()) {
      const descriptor = descriptorOf(photo)
      if (roles[index] !== 'same-person' || !descriptor || known.length === 0) continue
      const similarity = bestSimilarity(descriptor, known)
      if (similarity < threshold) {
        return (
          `Photo ${index + 1} does not look like the same person as your main photo (likeness ` +
          `${percent(similarity)}, we need ${percent(threshold)}): another angle must show you.`
        )
      }
    }
  }
  if (input.portraitType === 'family' && input.familyMemberCount) {
    const described = photos.every(
      (photo) => photo.faces?.length && photo.faces.every((f) => f.descriptor?.length),
    )
    if (!described) return null
    const groupFaces = photos
      .filter((_, index) => roles[index] === 'group')
      .flatMap((photo) => (photo.faces ?? []).map((face) => [...face.descriptor]))
    const extra = photos.filter((photo, index) => {
      if (roles[index] !== 'family-member') return false
      return bestSimilarity(descriptorOf(photo) ?? [], groupFaces) < threshold
    }).length
    const shown = groupFaces.length + extra
    if (shown < input.familyMemberCount) {
      return (
        `Your photos show ${people(shown)} of a family of ${input.familyMemberCount}: add a group photo ` +
        'with everyone, or a photo of each member who is missing.'
      )
    }
  }
  return null
}
