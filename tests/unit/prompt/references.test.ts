import { describe, expect, it } from 'vitest'

import {
  buildPrompt,
  CustomerInputError,
  defaultReferenceRoles,
  referencePartLabels,
  referenceRolesProblem,
} from '@/prompt'

import { gardenTheme as theme, weddingPackage as pkg } from './fixtures'

const bare = { ...pkg, generationInstructions: null }
const STUDIO_TEXT =
  'Create a {type} portrait for the Wedding Portraits collection in the Garden Romance theme. ' +
  'Setting: a rose garden arranged for a {type} portrait. Wardrobe: an ivory gown and a light grey suit. ' +
  'Mood: romantic and tender. Photography: 85mm lens at f/1.8, golden hour. Client wishes: {wishes}. ' +
  'Style: fine-art, pastel tones.'
const studio = (type: string, wishes = 'none') =>
  STUDIO_TEXT.replaceAll('{type}', type).replace('{wishes}', wishes)
const TAIL =
  'natural skin texture and natural hands; sharp focus on the eyes; no text, no watermarks, no logos, no signatures, no borders or frames.'
const IDENTITY_MANY =
  "keep each person's identity and face exactly as in the reference photos that show them, never mixing features between " +
  'people (facial features, skin tone, age, hair and proportions); '

describe('buildPrompt: the reference photos are named in order', () => {
  it('one reference: a single portrait from one photo', () => {
    expect(
      buildPrompt({ pkg: bare, theme, request: { portraitType: 'single' }, references: ['person'] }),
    ).toBe(
      `${studio('single')} Reference photo: the attached photo is the person to portray. ` +
        'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
        'exactly one person, the person from the reference photo, and no one else; ' +
        "keep each person's identity and face exactly as in the reference photo (facial features, skin tone, age, hair and proportions); " +
        TAIL,
    )
  })

  it('two references: a couple from two separate photos, customer text still literal', () => {
    const request = { portraitType: 'couple', customPrompt: 'the first photo is {theme}' } as const
    expect(buildPrompt({ pkg: bare, theme, request, references: ['person-1', 'person-2'] })).toBe(
      `${studio('couple', 'the first photo is {theme}')} ` +
        'Reference photos, in the order attached: the first reference photo is person 1 of the couple; ' +
        'the second reference photo is person 2 of the couple. ' +
        'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
        'exactly two people, the couple from the reference photos, and no one else; ' +
        IDENTITY_MANY +
        TAIL,
    )
  })

  it('five references: a family of four from a group photo and one photo each', () => {
    const request = { portraitType: 'family', familyMemberCount: 4 } as const
    const references = ['group', 'family-member', 'family-member', 'family-member', 'family-member'] as const
    expect(buildPrompt({ pkg: bare, theme, request, references })).toBe(
      `${studio('family')} ` +
        'Reference photos, in the order attached: the first reference photo is the whole family together; ' +
        'the second reference photo is family member 1; the third reference photo is family member 2; ' +
        'the fourth reference photo is family member 3; the fifth reference photo is family member 4. ' +
        'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
        'exactly 4 people, the family from the reference photos, and no one else; ' +
        IDENTITY_MANY +
        TAIL,
    )
  })

  it('labels each photo part of the request the same way', () => {
    expect(referencePartLabels(['person-1', 'person-2'])).toEqual([
      'Reference photo 1 of 2: person 1 of the couple.',
      'Reference photo 2 of 2: person 2 of the couple.',
    ])
  })

  it('gives each portrait type sensible default roles', () => {
    expect(defaultReferenceRoles('single', 3)).toEqual(['person', 'same-person', 'same-person'])
    expect(defaultReferenceRoles('couple', 1)).toEqual(['couple'])
    expect(defaultReferenceRoles('couple', 2)).toEqual(['person-1', 'person-2'])
    expect(defaultReferenceRoles('family', 1)).toEqual(['group'])
    expect(defaultReferenceRoles('family', 3)).toEqual(['family-member', 'family-member', 'family-member'])
  })
})

describe('reference roles that cannot make the portrait are refused', () => {
  it('names what is missing or wrong', () => {
    expect(referenceRolesProblem('couple', ['person-1'], 2)).toBe(
      'A couple portrait needs a photo of each of you (person 1 and person 2) or one photo of you both.',
    )
    expect(referenceRolesProblem('couple', ['person-1', 'person-1'], 2)).toBe(
      'Mark one photo as person 1 and one as person 2.',
    )
    expect(referenceRolesProblem('single', ['person', 'person-2'], 1)).toBe(
      'The second photo is marked "Person 2"; a single portrait takes "You" or "You, another angle".',
    )
    expect(referenceRolesProblem('single', ['same-person'], 1)).toBe(
      'Mark exactly one photo as "You"; the others as another angle.',
    )
    expect(referenceRolesProblem('family', ['family-member', 'family-member'], 3)).toBe(
      'A family of 3 needs one photo of each person, or a photo of the whole family (2 given).',
    )
    expect(
      referenceRolesProblem('family', ['group', 'family-member', 'family-member', 'family-member'], 2),
    ).toBe('There are 3 single-person photos for a family of 2.')
    expect(referenceRolesProblem('single', [], 1)).toBe('Add at least one photo.')
    expect(referenceRolesProblem('single', ['person', ...Array(5).fill('same-person')], 1)).toBe(
      'A shoot takes at most 5 photos.',
    )
    expect(referenceRolesProblem('couple', ['couple', 'person-2'], 2)).toBeNull()
  })

  it('buildPrompt throws a CustomerInputError for them', () => {
    const attempt = () =>
      buildPrompt({ pkg, theme, request: { portraitType: 'couple' }, references: ['person-2'] })
    expect(attempt).toThrow(CustomerInputError)
  })
})
