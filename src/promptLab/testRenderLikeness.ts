import type { Payload } from 'payload'

import { detectFaces, type FaceScan } from '@/faces/detect'
import { likenessTarget, type ReferenceFaces, scoreLikeness } from '@/faces/likeness'
import type { PortraitType, ReferenceRole } from '@/prompt'
import type { TestRender } from '@/payload-types'

/**
 * The likeness of a prompt-lab test render (issue 23), measured as the worker measures a
 * customer's portrait (likenessTarget + scoreLikeness, the package's threshold), so an editor sees
 * which theme loses faces before customers pay for it. The sample photo stands for the reference:
 * one person for a single portrait, the couple photo (left and right face) for a couple, the group
 * photo for a family of `familyMemberCount`. Nothing is made again and nothing is charged: a test
 * render is the editor's one try, and the record says how it scored.
 */

/** The role the sample photo plays for each portrait type. */
const SAMPLE_ROLE: Record<PortraitType, ReferenceRole> = {
  single: 'person',
  couple: 'couple',
  family: 'group',
}

/** A test render's `likeness` group; `score`/`passed`/`facesFound` are null when it was not checked (`note` says why). */
export type TestRenderLikeness = NonNullable<TestRender['likeness']>

/** The long edge a render is scanned at, as the worker scans a portrait. */
const RENDER_EDGE_PX = 512

const plural = (count: number) => (count === 1 ? 'one face' : `${count} faces`)

/**
 * Scans the sample photo (started beside the provider call, so it adds nothing to the render's
 * wait): its faces, or the error that stopped the scan (the models could not load, bytes sharp
 * cannot read). Never rejects.
 */
export const scanSample = (photo: Buffer): Promise<FaceScan | Error> =>
  detectFaces(photo, { sharpness: false }).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  )

/**
 * Scores a finished render against the sample photo's faces. Faces expected: 1 for a single
 * portrait, 2 for a couple, `familyMemberCount` for a family. A sample that does not show the people
 * the portrait needs, or a scan that fails, gives a record with a `note` and no score (logged; the
 * render itself is kept).
 */
export const testRenderLikeness = async (
  sample: Promise<FaceScan | Error>,
  render: Buffer,
  request: { portraitType: PortraitType; familyMemberCount: number; threshold: number },
  logger: Payload['logger'],
): Promise<TestRenderLikeness> => {
  const { portraitType, familyMemberCount, threshold } = request
  const facesExpected = portraitType === 'single' ? 1 : portraitType === 'couple' ? 2 : familyMemberCount
  const unchecked = (note: string, sampleFaces: number | null = null): TestRenderLikeness => ({
    score: null,
    passed: null,
    threshold,
    facesFound: null,
    facesExpected,
    sampleFaces,
    people: null,
    note,
  })
  const scanned = await sample
  if (scanned instanceof Error) {
    logger.warn({ err: scanned, msg: 'test render likeness skipped: the sample photo could not be scanned' })
    return unchecked(`Not checked: the sample photo could not be scanned (${scanned.message}).`)
  }
  const reference: ReferenceFaces = { role: SAMPLE_ROLE[portraitType], faces: scanned.faces }
  const target = likenessTarget(portraitType, [reference], familyMemberCount)
  if (!target)
    return unchecked(
      `Not checked: the sample photo shows ${scanned.faces.length ? plural(scanned.faces.length) : 'no face'}; a ${portraitType} portrait needs ${facesExpected === 1 ? 'one' : facesExpected}.`,
      scanned.faces.length,
    )
  try {
    const scan = await detectFaces(render, { sharpness: false, edge: RENDER_EDGE_PX })
    const result = scoreLikeness(scan.faces, target, threshold)
    return {
      score: result.score,
      passed: result.passed,
      threshold,
      facesFound: result.facesFound,
      facesExpected: result.facesExpected,
      sampleFaces: scanned.faces.length,
      people: result.people,
      note: null,
    }
  } catch (error) {
    logger.warn({ err: error, msg: 'test render likeness skipped: the render could not be scanned' })
    return unchecked(
      `Not checked: the render could not be scanned (${error instanceof Error ? error.message : String(error)}).`,
      scanned.faces.length,
    )
  }
}
