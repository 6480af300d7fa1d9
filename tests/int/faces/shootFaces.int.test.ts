import { readFile } from 'node:fs/promises'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type FaceFixture, faceFixture } from '../../fixtures/make-face-fixtures'
import { ApiClient } from '../../support/clients/client'
import { ledgerSum, newCustomer } from '../../support/fixtures/generation'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'

/**
 * A shoot's roles cannot undo the upload's face check (fresh tester's findings): a couple photo
 * is not "You", another angle shows the same person, a family's photos show the whole family.
 * Each refusal is a 400 naming the photos, and holds no shoot.
 */
describe("a shoot's photos show the people its roles say", { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let client: ApiClient
  let userId: number
  let themeId: number
  const photos: Partial<Record<string, number>> = {}

  const upload = async (name: FaceFixture, role?: string) => {
    const form = new FormData()
    form.append(
      'file',
      new Blob([new Uint8Array(await readFile(faceFixture(name)))], { type: 'image/jpeg' }),
      name,
    )
    form.append('_payload', JSON.stringify(role ? { role } : {}))
    const response = await client.post('/api/photo-uploads', form)
    expect(response.status, name).toBe(201)
    return response.body.doc.id as number
  }
  const shoot = (body: Record<string, unknown>) =>
    client.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId,
      generationSettings: { aspectRatio: '3:4', quality: 'standard' },
      ...body,
    })

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    client = new ApiClient(server.url)
    userId = (await newCustomer(payload, client, 'shoot-faces')).id
    // A theme customers can shoot now (other files may switch the seed's themes off or out of season).
    themeId = await shootableThemeId(server.url)
    photos.couple = await upload('couple.jpg', 'couple')
    photos.astronaut = await upload('astronaut.jpg')
    photos.astronautCrop = await upload('astronaut-backdrop.jpg')
    photos.hopper = await upload('hopper.jpg')
    photos.cameraman = await upload('camera.jpg')
  })

  afterAll(async () => {
    await server?.close()
  })

  it('refuses a couple photo used as one person, a stranger as another angle, and a family photo short of people', async () => {
    const before = await ledgerSum(payload, userId)
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { uploadId: photos.couple, portraitType: 'single' },
        'uploadId',
        /Photo 1 shows 2 people, but it is marked as a photo of one person/,
      ],
      [
        { uploadIds: [photos.astronaut, photos.hopper], portraitType: 'single' },
        'uploadIds',
        /Photo 2 does not look like the same person as your main photo \(likeness \d+%, we need 70%\)/,
      ],
      [
        { uploadIds: [photos.couple], portraitType: 'family', familyMemberCount: 4 },
        'uploadIds',
        /Your photos show 2 people of a family of 4/,
      ],
      [
        {
          uploadIds: [photos.couple, photos.astronaut],
          referenceRoles: ['group', 'family-member'],
          portraitType: 'family',
          familyMemberCount: 4,
        },
        'uploadIds',
        // Collins alone is one of the couple photo's two: still 2 people.
        /Your photos show 2 people of a family of 4/,
      ],
    ]
    const family = (uploadIds: unknown[], referenceRoles: string[], familyMemberCount: number) => ({
      uploadIds,
      referenceRoles,
      portraitType: 'family',
      familyMemberCount,
    })
    cases.push(
      [
        { uploadIds: [photos.astronaut, photos.astronautCrop], portraitType: 'couple' },
        'uploadIds',
        /Photos 1 and 2 show the same person/,
      ],
      [
        family([photos.astronaut, photos.astronautCrop], ['family-member', 'family-member'], 2),
        'uploadIds',
        /Photos 1 and 2 show the same person/,
      ],
      [
        family([photos.couple, photos.cameraman], ['group', 'family-member'], 2),
        'uploadIds',
        /Your photos show 3 people, more than the family of 2/,
      ],
      [
        {
          uploadIds: [photos.couple, photos.cameraman],
          referenceRoles: ['couple', 'person-1'],
          portraitType: 'couple',
        },
        'uploadIds',
        /Photo 2 shows neither person of the couple photo/,
      ],
    )
    for (const [body, field, message] of cases) {
      const response = await shoot(body)
      expect(response.status, String(message)).toBe(400)
      expect(response.body.field).toBe(field)
      expect(response.body.error).toMatch(message)
    }
    expect(await ledgerSum(payload, userId)).toBe(before)
    expect(
      (await payload.count({ collection: 'generations', where: { owner: { equals: userId } } })).totalDocs,
    ).toBe(0)
  })

  it('takes the same person from another angle, and a family whose photos show everyone', async () => {
    const angle = await shoot({ uploadIds: [photos.astronaut, photos.astronautCrop], portraitType: 'single' })
    expect(angle.status).toBe(202)
    const family = await shoot({
      uploadIds: [photos.couple, photos.cameraman],
      referenceRoles: ['group', 'family-member'],
      portraitType: 'family',
      familyMemberCount: 3,
    })
    expect(family.status).toBe(202)
  })
})
