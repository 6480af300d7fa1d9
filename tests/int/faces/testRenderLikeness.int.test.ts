import { readFile } from 'node:fs/promises'

import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type FakeGemini, geminiBehaviours as b } from '../../fakes/geminiServer'
import { faceFixture } from '../../fixtures/make-face-fixtures'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient } from '../../support/clients/client'

const renderForm = (options: Record<string, unknown>, file: Buffer) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'sample.jpg')
  form.append('_payload', JSON.stringify(options))
  return form
}

/**
 * Issue 23: a prompt-lab test render is scored against the sample photo's faces as the worker scores
 * a customer's portrait, so an editor sees which theme loses faces. REST on Postgres, the real Gemini
 * SDK against the fake, the real face models and the real face fixtures (Eileen Collins, Grace Hopper,
 * the two of them as a couple). No retry and no charge: the record says how the one render scored.
 */
describe('likeness of prompt-lab test renders', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let editor: ApiClient
  let themeId: number
  let collins: Buffer
  let hopper: Buffer

  beforeAll(async () => {
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    server = await startRestServer()
    editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    const wedding = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'wedding-portraits' } },
      limit: 1,
    })
    themeId = (
      await payload.create({
        collection: 'package-themes',
        data: {
          package: wedding.docs[0].id,
          name: `Likeness Lab ${Date.now()}`,
          settingPrompt: 'a quiet library with tall shelves',
        },
      })
    ).id
    collins = await readFile(faceFixture('astronaut.jpg'))
    hopper = await readFile(faceFixture('hopper-portrait.jpg'))
  })

  afterAll(async () => {
    await payload?.delete({ collection: 'test-renders', where: { theme: { equals: themeId } } })
    await payload?.delete({ collection: 'package-themes', id: themeId })
    await server?.close()
    await stopGemini?.()
  })

  beforeEach(() => gemini.reset())

  const render = async (options: Record<string, unknown>, sample: Buffer) => {
    const response = await editor.post(
      `/api/admin/themes/${themeId}/test-render`,
      renderForm(options, sample),
    )
    expect(response.status).toBe(201)
    expect(response.body.testRender).toMatchObject({ status: 'succeeded', provider: 'gemini' })
    expect(gemini.requests).toHaveLength(1)
    return response.body.testRender
  }

  it('scores a render that keeps the sample’s face above the threshold, and shows it in the gallery', async () => {
    // The fake draws the request's photo: the same person.
    const made = await render({ portraitType: 'single' }, collins)
    expect(made.likeness).toMatchObject({
      passed: true,
      threshold: 0.7,
      facesFound: 1,
      facesExpected: 1,
      sampleFaces: 1,
      note: null,
    })
    expect(made.likeness.score).toBeGreaterThan(0.7)
    expect(made.likeness.people).toEqual([{ label: 'You', score: made.likeness.score }])
    const gallery = await editor.get(`/api/admin/themes/${themeId}/test-renders`)
    expect(gallery.body.testRenders[0]).toMatchObject({ id: made.id, likeness: made.likeness })
    const stored = await payload.findByID({ collection: 'test-renders', id: made.id, depth: 0 })
    expect(stored.likeness).toMatchObject({ score: made.likeness.score, passed: true })
  })

  it('marks a render that shows another person as losing the face, with no retry', async () => {
    gemini.enqueue(b.portraitOf(hopper))
    const made = await render({ portraitType: 'single' }, collins)
    expect(made.likeness).toMatchObject({ passed: false, facesFound: 1, facesExpected: 1, sampleFaces: 1 })
    expect(made.likeness.score).toBeLessThan(0.7)
  })

  it('matches a couple render face by face against the couple sample photo', async () => {
    const couple = await readFile(faceFixture('couple.jpg'))
    const kept = await render({ portraitType: 'couple' }, couple)
    expect(kept.likeness).toMatchObject({ passed: true, facesFound: 2, facesExpected: 2, sampleFaces: 2 })
    expect(kept.likeness.people.map((person: { label: string }) => person.label)).toEqual([
      'Person 1',
      'Person 2',
    ])
    gemini.reset()
    // One of the two drawn: one face instead of two fails the count.
    gemini.enqueue(b.portraitOf(hopper))
    const lost = await render({ portraitType: 'couple' }, couple)
    expect(lost.likeness).toMatchObject({ passed: false, facesFound: 1, facesExpected: 2 })
  })

  it('says why a render was not checked when the sample does not show the family', async () => {
    const made = await render({ portraitType: 'family', familyMemberCount: 3 }, collins)
    expect(made.likeness).toMatchObject({
      score: null,
      passed: null,
      facesExpected: 3,
      sampleFaces: 1,
      note: 'Not checked: the sample photo shows one face; a family portrait needs 3.',
    })
  })
})
