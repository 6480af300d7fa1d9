import type { PortraitType } from './variables'

/** The most reference photos one shoot takes (Gemini 3 Pro Image keeps up to 5 people consistent). */
export const MAX_REFERENCE_PHOTOS = 5

/**
 * Who a reference photo shows. `person`/`same-person` for single portraits (the person, then
 * more angles of them); `person-1`/`person-2` (each partner alone) or `couple` (both together)
 * for couples; `family-member` (one person each, numbered in order) or `group` (everyone) for families.
 */
export const REFERENCE_ROLES = [
  'person',
  'same-person',
  'person-1',
  'person-2',
  'couple',
  'family-member',
  'group',
] as const
export type ReferenceRole = (typeof REFERENCE_ROLES)[number]

/** The roles a portrait type accepts, in the order the uploader offers them. */
export const ROLES_FOR_TYPE: Record<PortraitType, readonly ReferenceRole[]> = {
  single: ['person', 'same-person'],
  couple: ['person-1', 'person-2', 'couple'],
  family: ['family-member', 'group'],
}

/** Labels for the customer's uploader. */
export const REFERENCE_ROLE_LABELS: Record<ReferenceRole, string> = {
  person: 'You',
  'same-person': 'You, another angle',
  'person-1': 'Person 1',
  'person-2': 'Person 2',
  couple: 'Both of you together',
  'family-member': 'One family member',
  group: 'The whole family together',
}

/**
 * The role each photo gets when the caller names none: single → the person, then more angles;
 * couple → one photo of both, or person 1 and person 2; family → one group photo, or one
 * member per photo.
 */
export const defaultReferenceRoles = (portraitType: PortraitType, count: number): ReferenceRole[] =>
  Array.from({ length: count }, (_, index): ReferenceRole => {
    if (portraitType === 'single') return index === 0 ? 'person' : 'same-person'
    if (portraitType === 'couple') return count === 1 ? 'couple' : index === 0 ? 'person-1' : 'person-2'
    return count === 1 ? 'group' : 'family-member'
  })

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth']

/**
 * Why these roles cannot make this portrait, or null when they can. Everyone in the
 * portrait must be shown by some photo, and each person alone in at most one role.
 */
export const referenceRolesProblem = (
  portraitType: PortraitType,
  roles: readonly ReferenceRole[],
  peopleCount: number,
): string | null => {
  if (roles.length < 1) return 'Add at least one photo.'
  if (roles.length > MAX_REFERENCE_PHOTOS) return `A shoot takes at most ${MAX_REFERENCE_PHOTOS} photos.`
  const allowed = ROLES_FOR_TYPE[portraitType]
  const wrong = roles.findIndex((role) => !allowed.includes(role))
  if (wrong >= 0) {
    const names = allowed.map((role) => `"${REFERENCE_ROLE_LABELS[role]}"`).join(' or ')
    return `The ${ORDINALS[wrong]} photo is marked "${REFERENCE_ROLE_LABELS[roles[wrong]]}"; a ${portraitType} portrait takes ${names}.`
  }
  const count = (role: ReferenceRole) => roles.filter((r) => r === role).length
  if (portraitType === 'single' && count('person') !== 1)
    return 'Mark exactly one photo as "You"; the others as another angle.'
  if (portraitType === 'couple') {
    if (count('person-1') > 1 || count('person-2') > 1)
      return 'Mark one photo as person 1 and one as person 2.'
    if (count('couple') === 0 && (count('person-1') === 0 || count('person-2') === 0)) {
      return 'A couple portrait needs a photo of each of you (person 1 and person 2) or one photo of you both.'
    }
  }
  if (portraitType === 'family') {
    const members = count('family-member')
    if (count('group') > 1) return 'Add at most one group photo.'
    if (members > peopleCount)
      return `There are ${members} single-person photos for a family of ${peopleCount}.`
    if (count('group') === 0 && members !== peopleCount) {
      return `A family of ${peopleCount} needs one photo of each person, or a photo of the whole family (${members} given).`
    }
  }
  return null
}

/**
 * What each reference photo shows, in order, as the prompt names it: "person 1",
 * "family member 2", "the whole family together". Family members are numbered in order.
 */
export const referenceLabels = (roles: readonly ReferenceRole[]): string[] => {
  let member = 0
  return roles.map((role) => {
    switch (role) {
      case 'person':
        return 'the person to portray'
      case 'same-person':
        return 'the same person from another angle'
      case 'person-1':
        return 'person 1 of the couple'
      case 'person-2':
        return 'person 2 of the couple'
      case 'couple':
        return 'both people of the couple together'
      case 'family-member':
        return `family member ${++member}`
      case 'group':
        return 'the whole family together'
    }
  })
}

/**
 * The studio's fixed sentence naming every reference in order, so the model binds each face
 * to one person: "Reference photos, in the order attached: the first reference photo is
 * person 1 of the couple; the second reference photo is person 2 of the couple."
 */
export const referencesSentence = (roles: readonly ReferenceRole[]): string => {
  const labels = referenceLabels(roles)
  if (labels.length === 1) return `Reference photo: the attached photo is ${labels[0]}.`
  const named = labels.map((label, index) => `the ${ORDINALS[index]} reference photo is ${label}`).join('; ')
  return `Reference photos, in the order attached: ${named}.`
}

/** The short label sent just before each photo in the request: "Reference photo 2 of 2: person 2 of the couple." */
export const referencePartLabels = (roles: readonly ReferenceRole[]): string[] =>
  referenceLabels(roles).map((label, index) => `Reference photo ${index + 1} of ${roles.length}: ${label}.`)
