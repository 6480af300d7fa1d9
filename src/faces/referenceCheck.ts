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
 * - single-person photos of a couple or family show different people, and a partner's photo beside
 *   the couple photo shows one of its two;
 * - a family's photos show as many people as the family has (a single-person photo that matches no
 *   face of the group photo is one more person).
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
  const described = photos.every(
    (photo) => photo.faces?.length && photo.faces.every((face) => face.descriptor?.length),
  )
  if (!described) return null
  // Single-person photos of a couple or a family must show different people.
  const alone = photos
    .map((photo, index) => ({ index, role: roles[index], descriptor: descriptorOf(photo) ?? [] }))
    .filter(({ role }) => role === 'person-1' || role === 'person-2' || role === 'family-member')
  for (const [position, first] of alone.entries()) {
    for (const second of alone.slice(position + 1)) {
      if (bestSimilarity(first.descriptor, [second.descriptor]) >= threshold) {
        return (
          `Photos ${first.index + 1} and ${second.index + 1} show the same person: ` +
          'each photo of one person must show someone else.'
        )
      }
    }
  }
  if (input.portraitType === 'couple') {
    const together = photos.find((_, index) => roles[index] === 'couple')
    const both = (together?.faces ?? []).map((face) => [...face.descriptor])
    const stranger = both.length
      ? alone.find(({ descriptor }) => bestSimilarity(descriptor, both) < threshold)
      : undefined
    if (stranger) {
      return `Photo ${stranger.index + 1} shows neither person of the couple photo: choose a photo of one of you.`
    }
  }
  if (input.portraitType === 'family' && input.familyMemberCount) {
    const groupFaces = photos
      .filter((_, index) => roles[index] === 'group')
      .flatMap((photo) => (photo.faces ?? []).map((face) => [...face.descriptor]))
    const extra = photos.filter((photo, index) => {
      if (roles[index] !== 'family-member') return false
      return bestSimilarity(descriptorOf(photo) ?? [], groupFaces) < threshold
    }).length
    const shown = groupFaces.length + extra
    if (shown > input.familyMemberCount) {
      return (
        `Your photos show ${people(shown)}, more than the family of ${input.familyMemberCount}: ` +
        'set the family size, or leave out the photo of someone who is not in the portrait.'
      )
    }
    if (shown < input.familyMemberCount) {
      return (
        `Your photos show ${people(shown)} of a family of ${input.familyMemberCount}: add a group photo ` +
        'with everyone, or a photo of each member who is missing.'
      )
    }
  }
  return null
}
