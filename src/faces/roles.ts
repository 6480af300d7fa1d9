import type { ReferenceRole } from '@/prompt'

/**
 * How many faces a photo marked with each role must show (issue 23): a photo of one person
 * (any single role, including a couple or family member marked as one person) takes exactly one;
 * a couple photo both partners; a group photo of the family 2 to 6.
 */
export const FACES_FOR_ROLE: Record<ReferenceRole, readonly [number, number]> = {
  person: [1, 1],
  'same-person': [1, 1],
  'person-1': [1, 1],
  'person-2': [1, 1],
  'family-member': [1, 1],
  couple: [2, 2],
  group: [2, 6],
}

/** The role's words for refusal messages: "a photo of one person". */
export const ROLE_SHOWS: Record<ReferenceRole, string> = {
  person: 'a photo of one person',
  'same-person': 'a photo of one person',
  'person-1': 'a photo of one person',
  'person-2': 'a photo of one person',
  'family-member': 'a photo of one person',
  couple: 'a photo of the couple together',
  group: 'a group photo',
}

/** Faces at least this sharp (variance of the Laplacian) are accepted; calibrated on the fixtures (blurred 14, sharp 250-2200). */
export const MIN_FACE_SHARPNESS = 40
