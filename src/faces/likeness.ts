import type { ReferenceRole } from '@/prompt'

import { cosineSimilarity } from './similarity'

/**
 * The studio's default likeness threshold (cosine similarity of faceres descriptors). Calibrated on
 * tests/fixtures/faces: the same person across crops, recompression, a new backdrop, a graded
 * "generated portrait", a mirror and a rotation scores 0.78-1.00; two different people at most 0.42.
 */
export const DEFAULT_LIKENESS_THRESHOLD = 0.7
/** Times an image is made again, at no charge, when it fails the likeness check (staff setting per package). */
export const DEFAULT_LIKENESS_RETRIES = 1

/** A stored face of a reference photo: its box [x, y, w, h] in px and its descriptor. */
export interface StoredFace {
  box: readonly number[]
  descriptor: readonly number[]
}

/** One reference photo as the likeness check reads it: its role and its stored faces (null: never checked). */
export interface ReferenceFaces {
  role: ReferenceRole
  faces: readonly StoredFace[] | null | undefined
}

/** Someone the portrait must show: a name for the customer and every descriptor we hold of them. */
export interface LikenessPerson {
  label: string
  descriptors: number[][]
}

/** Who a portrait must show and how many faces it must have. */
export interface LikenessTarget {
  people: LikenessPerson[]
  expectedFaces: number
}

/** The likeness of one generated image (stored on its result as `likeness`). */
export interface LikenessResult {
  /** The lowest of the people's scores (0-1): the portrait is as alike as its least alike person. */
  score: number
  passed: boolean
  threshold: number
  facesFound: number
  facesExpected: number
  /** Each person's best cosine similarity (0-1, rounded to 3 places) to the face matched to them; 0 when no face was. */
  people: { label: string; score: number }[]
}

const leftToRight = (faces: readonly StoredFace[]) =>
  [...faces].sort((a, b) => (a.box[0] ?? 0) - (b.box[0] ?? 0))

const bestOf = (descriptor: readonly number[], person: LikenessPerson) =>
  person.descriptors.reduce((best, known) => Math.max(best, cosineSimilarity(descriptor, known)), 0)

/**
 * Who the portrait must show, from the shoot's reference photos and the roles they were tagged
 * with: a single portrait one person (every photo of them); a couple person 1 and person 2 (their
 * own photos, and the left and right face of a photo of both); a family each member (a group photo's
 * faces left to right, each single-member photo joined to the group face it resembles most, or a
 * person of its own). Faces expected: 1, 2, or the family's size (`familyMemberCount`, else the
 * people found). Null when the shoot cannot be checked: a reference photo has no stored faces
 * (uploaded before faces were checked), or the photos do not show everyone the portrait must.
 */
export const likenessTarget = (
  portraitType: 'single' | 'couple' | 'family',
  references: readonly ReferenceFaces[],
  familyMemberCount?: number | null,
): LikenessTarget | null => {
  // A face without a descriptor (a read that left it out) is no evidence: never score, or refund, on it.
  if (
    references.length === 0 ||
    references.some((ref) => !ref.faces?.length || ref.faces.some((face) => !face.descriptor?.length))
  )
    return null
  const first = (ref: ReferenceFaces) => [...(ref.faces?.[0]?.descriptor ?? [])]
  if (portraitType === 'single') {
    return { people: [{ label: 'You', descriptors: references.map(first) }], expectedFaces: 1 }
  }
  if (portraitType === 'couple') {
    const people = [
      { label: 'Person 1', descriptors: [] as number[][] },
      { label: 'Person 2', descriptors: [] as number[][] },
    ]
    for (const ref of references) {
      if (ref.role === 'person-1') people[0].descriptors.push(first(ref))
      else if (ref.role === 'person-2') people[1].descriptors.push(first(ref))
      else
        leftToRight(ref.faces ?? [])
          .slice(0, 2)
          .forEach((face, index) => people[index].descriptors.push([...face.descriptor]))
    }
    // A "couple" photo with one face (marked as a couple at the shoot, uploaded as one person): one
    // of them is unknown, so the shoot cannot be checked.
    return people.every((person) => person.descriptors.length) ? { people, expectedFaces: 2 } : null
  }
  const group = references.find((ref) => ref.role === 'group')
  const people: LikenessPerson[] = leftToRight(group?.faces ?? []).map((face, index) => ({
    label: `Family member ${index + 1}`,
    descriptors: [[...face.descriptor]],
  }))
  const fromGroup = people.length
  for (const ref of references.filter((r) => r.role === 'family-member')) {
    const descriptor = first(ref)
    const match = people
      .slice(0, fromGroup)
      .map((person) => ({ person, similarity: bestOf(descriptor, person) }))
      .sort((a, b) => b.similarity - a.similarity)[0]
    if (match) match.person.descriptors.push(descriptor)
    else people.push({ label: `Family member ${people.length + 1}`, descriptors: [descriptor] })
  }
  const expectedFaces = familyMemberCount ?? people.length
  // Fewer people known than the family has: someone could not be checked, so no one is.
  return people.length >= expectedFaces ? { people, expectedFaces } : null
}

const round = (value: number) => Math.round(value * 1000) / 1000

/**
 * Scores the faces found in a generated image against the people it must show. Each person is
 * matched to one face, greedily by the highest similarity left (a person's score is their best
 * descriptor's similarity to that face); a person left without a face scores 0. It passes when
 * it has exactly the expected number of faces and every person scores at least `threshold`.
 */
export const scoreLikeness = (
  faces: readonly { descriptor: readonly number[] }[],
  target: LikenessTarget,
  threshold: number,
): LikenessResult => {
  const pairs = target.people
    .flatMap((person, p) => faces.map((face, f) => ({ p, f, similarity: bestOf(face.descriptor, person) })))
    .sort((a, b) => b.similarity - a.similarity)
  const scores = target.people.map(() => 0)
  const matchedPeople = new Set<number>()
  const usedFaces = new Set<number>()
  for (const pair of pairs) {
    if (matchedPeople.has(pair.p) || usedFaces.has(pair.f)) continue
    matchedPeople.add(pair.p)
    usedFaces.add(pair.f)
    scores[pair.p] = Math.max(0, pair.similarity)
  }
  const score = scores.length ? Math.min(...scores) : 0
  return {
    score: round(score),
    passed: faces.length === target.expectedFaces && scores.every((value) => value >= threshold),
    threshold,
    facesFound: faces.length,
    facesExpected: target.expectedFaces,
    people: target.people.map((person, index) => ({ label: person.label, score: round(scores[index]) })),
  }
}

/** The customer's words for why an image failed the check ("did not look enough like you"). */
export const likenessFailure = (result: LikenessResult, portraitType: string): string => {
  if (result.facesFound !== result.facesExpected)
    return `This portrait showed ${result.facesFound === 1 ? 'one face' : `${result.facesFound} faces`} instead of ${result.facesExpected === 1 ? 'one' : result.facesExpected}`
  const who = portraitType === 'single' ? 'you' : 'each of you'
  return `This portrait did not look enough like ${who} (likeness ${Math.round(result.score * 100)}%, we need ${Math.round(result.threshold * 100)}%)`
}
