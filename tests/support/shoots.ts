import type { Payload } from 'payload'
import { expect } from 'vitest'

import { ApiClient } from './client'
import { newCustomer, uploadPhoto, waitForGeneration } from './generation'
import { portraitJpeg } from './images'

/**
 * A fresh customer who has uploaded a photo and made one Wedding shoot over REST (standard,
 * 3:4, single), waited until it closed: the starting point of the data-control tests.
 */
export const newCustomerWithShoot = async (
  payload: Payload,
  baseUrl: string,
  themeId: number,
  label: string,
  customPrompt?: string,
) => {
  const client = new ApiClient(baseUrl)
  const user = await newCustomer(payload, client, label)
  const upload = await uploadPhoto(client, await portraitJpeg())
  expect(upload.status).toBe(201)
  const accepted = await client.post('/api/generate', {
    packageSlug: 'wedding-portraits',
    themeId,
    uploadId: upload.body.doc.id,
    portraitType: 'single',
    ...(customPrompt === undefined ? {} : { customPrompt }),
    generationSettings: { aspectRatio: '3:4', quality: 'standard' },
  })
  expect(accepted.status).toBe(202)
  const generation = await waitForGeneration(payload, accepted.body.generationId)
  return { client, user, generation, uploadId: upload.body.doc.id as number }
}
