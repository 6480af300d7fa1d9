import type { PortraitType } from './variables'

const PEOPLE: Record<PortraitType, (peopleCount: number, photos: string) => string> = {
  single: (_, photos) => `exactly one person, the person from the ${photos}, and no one else`,
  couple: (_, photos) => `exactly two people, the couple from the ${photos}, and no one else`,
  family: (peopleCount, photos) =>
    `exactly ${peopleCount} people, the family from the ${photos}, and no one else`,
}

const IDENTITY_ONE = "keep each person's identity and face exactly as in the reference photo"
// With several photos each face has one source: the photo the references sentence names for that person.
const IDENTITY_MANY =
  "keep each person's identity and face exactly as in the reference photos that show them, never mixing features between people"

/**
 * Step 6: the studio's fixed block, appended last whatever the package or customer says,
 * so that it is the final word the model reads. `referenceCount` is how many photos are sent.
 */
export const technicalRequirements = (
  portraitType: PortraitType,
  peopleCount: number,
  referenceCount = 1,
): string =>
  'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
  `${PEOPLE[portraitType](peopleCount, referenceCount > 1 ? 'reference photos' : 'reference photo')}; ` +
  `${referenceCount > 1 ? IDENTITY_MANY : IDENTITY_ONE} (facial features, skin tone, age, hair and proportions); ` +
  'natural skin texture and natural hands; sharp focus on the eyes; ' +
  'no text, no watermarks, no logos, no signatures, no borders or frames.'
