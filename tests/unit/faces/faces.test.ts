import { readFile } from 'node:fs/promises'

import { beforeAll, describe, expect, it } from 'vitest'

import {
  cosineSimilarity,
  detectFaces,
  FACES_FOR_ROLE,
  type FaceScan,
  judgeFaces,
  MIN_FACE_SHARPNESS,
  ROLE_SHOWS,
} from '@/faces'
import type { ReferenceRole } from '@/prompt'

import { FACE_FIXTURES, type FaceFixture, faceFixture } from '../../fixtures/make-face-fixtures'

/** The likeness threshold the studio starts from (issue 23), checked against every fixture here. */
const THRESHOLD = 0.7

const rules = (role: ReferenceRole) => ({
  minFacePx: 160,
  minSharpness: MIN_FACE_SHARPNESS,
  faces: FACES_FOR_ROLE[role],
  shows: ROLE_SHOWS[role],
})

// One model load for the file; every fixture scanned once.
const scans = {} as Record<FaceFixture, FaceScan>
beforeAll(async () => {
  for (const name of Object.keys(FACE_FIXTURES) as FaceFixture[])
    scans[name] = await detectFaces(await readFile(faceFixture(name)))
}, 180_000)

describe('face detection on the fixtures', () => {
  it('finds no face in the cat or the coffee, two in the couple, one in every portrait', () => {
    expect(scans['cat.jpg'].faces).toEqual([])
    expect(scans['coffee.jpg'].faces).toEqual([])
    expect(scans['couple.jpg'].faces).toHaveLength(2)
    for (const name of ['astronaut.jpg', 'hopper.jpg', 'camera.jpg', 'astronaut-backdrop.jpg'] as const)
      expect(scans[name].faces, name).toHaveLength(1)
  })

  it('gives each face a box in the photo’s own pixels, a size, a detector score, a sharpness and 1024 descriptor values', () => {
    const [face] = scans['astronaut.jpg'].faces
    expect(scans['astronaut.jpg']).toMatchObject({ width: 1024, height: 1024 })
    expect(face.sizePx).toBeGreaterThan(250)
    expect(face.sizePx).toBeLessThan(330)
    expect(face.box[0]).toBeGreaterThan(250)
    expect(face.score).toBeGreaterThan(0.7)
    expect(face.descriptor).toHaveLength(1024)
    expect(scans['blurred.jpg'].faces[0].sharpness).toBeLessThan(MIN_FACE_SHARPNESS)
    expect(face.sharpness).toBeGreaterThan(MIN_FACE_SHARPNESS * 5)
  })

  it('scores the same person above the threshold and different people far below (calibration table)', () => {
    const people = (Object.keys(FACE_FIXTURES) as FaceFixture[]).flatMap((name) =>
      scans[name].faces.map((face, index) => ({
        name: scans[name].faces.length > 1 ? `${name}#${index + 1}` : name,
        person:
          name === 'couple.jpg'
            ? index === 0
              ? 'collins'
              : 'hopper'
            : (FACE_FIXTURES[name].person as string),
        descriptor: face.descriptor,
      })),
    )
    const anchors = people.filter((p) => p.name === 'astronaut.jpg' || p.name === 'hopper.jpg')
    const rows = people.map((p) => ({
      fixture: p.name,
      person: p.person,
      ...Object.fromEntries(
        anchors.map((a) => [`vs ${a.person}`, +cosineSimilarity(a.descriptor, p.descriptor).toFixed(3)]),
      ),
    }))
    console.table(rows)
    const sharpSame: number[] = []
    const different: number[] = []
    for (const anchor of anchors)
      for (const p of people) {
        if (p.name === anchor.name) continue
        const similarity = cosineSimilarity(anchor.descriptor, p.descriptor)
        if (p.person === anchor.person && p.name !== 'blurred.jpg') sharpSame.push(similarity)
        if (p.person !== anchor.person) different.push(similarity)
      }
    expect(Math.min(...sharpSame)).toBeGreaterThan(THRESHOLD)
    expect(Math.max(...different)).toBeLessThan(THRESHOLD - 0.15)
  })
})

describe('judging a photo for upload', () => {
  it('refuses, naming what to fix: no face, a face too small, a blurred face, a couple marked as one person', () => {
    expect(judgeFaces(scans['cat.jpg'].faces, rules('person'))).toMatchObject({
      accepted: false,
      reason: 'no_face',
    })
    expect(judgeFaces(scans['coffee.jpg'].faces, rules('person'))).toMatchObject({ reason: 'no_face' })
    expect(judgeFaces(scans['tiny-face.jpg'].faces, rules('person'))).toMatchObject({
      reason: 'face_too_small',
      message: expect.stringMatching(/only \d+ px across; it needs at least 160 px/),
    })
    expect(judgeFaces(scans['blurred.jpg'].faces, rules('person'))).toMatchObject({ reason: 'blurred' })
    expect(judgeFaces(scans['couple.jpg'].faces, rules('person'))).toMatchObject({
      reason: 'too_many_faces',
      message: expect.stringContaining('shows 2 faces'),
    })
    expect(judgeFaces(scans['astronaut.jpg'].faces, rules('group'))).toMatchObject({
      reason: 'too_few_faces',
    })
  })

  it('accepts a couple as a couple or a group, and scores a clear portrait higher than a small soft one', () => {
    expect(judgeFaces(scans['couple.jpg'].faces, rules('couple'))).toMatchObject({ accepted: true })
    expect(judgeFaces(scans['couple.jpg'].faces, rules('group'))).toMatchObject({ accepted: true })
    const clear = judgeFaces(scans['hopper.jpg'].faces, rules('person'))
    expect(clear).toEqual({ accepted: true, score: 100, reasons: ['A clear, sharp, well-sized face.'] })
    const small = judgeFaces(
      scans['hopper.jpg'].faces.map((f) => ({ ...f, sizePx: 170, sharpness: 60 })),
      rules('person'),
    )
    expect(small.accepted && small.score).toBeLessThan(70)
    expect(small.accepted && small.reasons).toHaveLength(2)
  })
})
