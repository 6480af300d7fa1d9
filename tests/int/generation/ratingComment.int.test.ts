import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'

/** The "not happy" path over REST on Postgres: a rating of 1 or 2 may say why, and the studio reads it. */
describe('a low rating with a comment', { timeout: 180_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let themeId: number

  const finishedShoot = async (client: ApiClient): Promise<number> => {
    const upload = await uploadPhoto(client, await portraitJpeg())
    const accepted = await client.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId,
      uploadIds: [upload.body.doc.id],
      portraitType: 'single',
      generationSettings: { aspectRatio: '1:1', quality: 'standard' },
    })
    expect(accepted.status).toBe(202)
    return (await waitForGeneration(payload, accepted.body.generationId)).id
  }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    themeId = await shootableThemeId(server.url)
  })

  afterAll(async () => {
    await server?.close()
  })

  it('keeps the comment of a 2-star rating, and the admin reads it on the generation', async () => {
    const client = new ApiClient(server.url)
    await newCustomer(payload, client, 'unhappy')
    const id = await finishedShoot(client)
    const rated = await client.post(`/api/generations/${id}/rating`, {
      rating: 2,
      comment: '  The faces do not look like us.  ',
    })
    expect(rated.status).toBe(200)
    expect(rated.body).toEqual({ generationId: id, rating: 2, comment: 'The faces do not look like us.' })
    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    const seen = await admin.get(
      `/api/generations?where[rating][less_than_equal]=2&where[id][equals]=${id}&depth=0`,
    )
    expect(seen.status).toBe(200)
    expect(seen.body.docs[0]).toMatchObject({ rating: 2, ratingComment: 'The faces do not look like us.' })
  })

  it('refuses a comment with a rating of 3 or more, and one longer than 1000 characters, naming the field', async () => {
    const client = new ApiClient(server.url)
    await newCustomer(payload, client, 'happy')
    const id = await finishedShoot(client)
    const tooHappy = await client.post(`/api/generations/${id}/rating`, { rating: 4, comment: 'Lovely' })
    expect(tooHappy.status).toBe(400)
    expect(tooHappy.body.field).toBe('comment')
    const tooLong = await client.post(`/api/generations/${id}/rating`, {
      rating: 1,
      comment: 'x'.repeat(1001),
    })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.field).toBe('comment')
    // Nothing was saved by the refusals: the customer can still rate.
    expect((await client.post(`/api/generations/${id}/rating`, { rating: 5 })).status).toBe(200)
    expect((await payload.findByID({ collection: 'generations', id })).ratingComment ?? null).toBeNull()
  })

  it('takes one rating when several arrive at once (a double click, two tabs): the rest are 409', async () => {
    const client = new ApiClient(server.url)
    await newCustomer(payload, client, 'twice')
    const id = await finishedShoot(client)
    const answers = await Promise.all(
      [1, 5, 2, 4, 3, 5].map((rating) =>
        client.post(
          `/api/generations/${id}/rating`,
          rating <= 2 ? { rating, comment: `only ${rating}` } : { rating },
        ),
      ),
    )
    const taken = answers.filter((answer) => answer.status === 200)
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409, 409])
    const stored = await payload.findByID({ collection: 'generations', id, depth: 0 })
    expect({ rating: stored.rating, comment: stored.ratingComment ?? null }).toEqual({
      rating: taken[0].body.rating,
      comment: taken[0].body.comment,
    })
  })
})
