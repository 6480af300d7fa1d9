import type { PortraitType } from './variables'

const PEOPLE: Record<PortraitType, (peopleCount: number) => string> = {
  single: () => 'exactly one person, the person from the reference photo, and no one else',
  couple: () => 'exactly two people, the couple from the reference photo, and no one else',
  family: (peopleCount) => `exactly ${peopleCount} people, the family from the reference photo, and no one else`,
}

/**
 * Step 6: the studio's fixed block, appended last whatever the package or customer says,
 * so that it is the final word the model reads.
 */
export const technicalRequirements = (portraitType: PortraitType, peopleCount: number): string =>
  'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
  `${PEOPLE[portraitType](peopleCount)}; ` +
  "keep each person's identity and face exactly as in the reference photo (facial features, skin tone, age, hair and proportions); " +
  'natural skin texture and natural hands; sharp focus on the eyes; ' +
  'no text, no watermarks, no logos, no signatures, no borders or frames.'
