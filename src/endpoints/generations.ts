import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireRole, requireUser } from '@/access'
import { generationStatusView } from '@/generation/generationStatus'
import { loadOwnGeneration } from '@/generation/ownGeneration'
import { openProgressStream } from '@/generation/progressStream'
import { rateGeneration } from '@/generation/rateGeneration'
import { requestGeneration } from '@/generation/requestGeneration'
import { generationRequestSchema } from '@/generation/requestSchema'
import { takeStreamSlot } from '@/generation/streamSlots'
import { startJobNow } from '@/generation/tasks'
import {
  DOWNLOAD_FORMATS,
  type PortraitFile,
  portraitDownload,
  zipGeneration,
} from '@/generation/portraitFiles'

import { textSchema } from '@/lib/input'

import { endpoint, json, parse, readJson, routeId } from './respond'
const formatQuery = z.object({
  format: z
    .enum(DOWNLOAD_FORMATS, { error: `format must be one of ${DOWNLOAD_FORMATS.join(', ')}.` })
    .default('webp'),
})
const portraitNumber = z.coerce
  .number({ error: 'number must be a portrait number from 1 to 5.' })
  .int('number must be a portrait number from 1 to 5.')
  .min(1, 'number must be a portrait number from 1 to 5.')
  .max(5, 'number must be a portrait number from 1 to 5.')

/** A private file as an attachment: the owner's browser saves it, no cache keeps it. */
const attachment = ({ filename, contentType, data }: PortraitFile): Response =>
  new Response(data as BodyInit, {
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  })

const ratingBody = z.object({
  rating: z
    .number({ error: 'rating must be a number from 1 to 5.' })
    .int('rating must be a whole number.')
    .min(1, 'rating is at least 1.')
    .max(5, 'rating is at most 5.'),
  // With a rating of 1 or 2 only (rateGeneration says so, naming the field).
  comment: textSchema('comment', 1000).optional(),
})

const generationId = (req: PayloadRequest) => {
  requireUser(req, 'Sign in to see your portraits.')
  return routeId(req, 'generation')
}

/** POST /api/generate (root level). */
export const generateEndpoint: Endpoint = {
  path: '/generate',
  method: 'post',
  handler: endpoint(async (req) => {
    requireRole(req, ['customer'], 'generate portraits (staff use the prompt lab)')
    const input = parse(generationRequestSchema, await readJson(req))
    const accepted = await requestGeneration(req, input)
    startJobNow(req.payload, accepted.jobId)
    const { jobId: _jobId, ...body } = accepted
    return json(
      {
        ...body,
        statusUrl: `/api/generations/${accepted.generationId}`,
        eventsUrl: `/api/generations/${accepted.generationId}/events`,
      },
      202,
    )
  }),
}

/**
 * Mounted on the generations collection (so under /api/generations): the owner's status
 * view replaces Payload's raw findByID, plus live events, rating and the ZIP.
 */
export const generationDocumentEndpoints: Endpoint[] = [
  {
    path: '/:id(\\d+)',
    method: 'get',
    handler: endpoint(async (req) => {
      const generation = await loadOwnGeneration(req, generationId(req))
      return json({ generation: await generationStatusView(req.payload, generation) }, 200, {
        'cache-control': 'no-store',
      })
    }),
  },
  {
    path: '/:id(\\d+)/events',
    method: 'get',
    handler: endpoint(async (req) => {
      const generation = await loadOwnGeneration(req, generationId(req), 0)
      return openProgressStream(req, generation, takeStreamSlot(req.user!.id as number))
    }),
  },
  {
    path: '/:id(\\d+)/rating',
    method: 'post',
    handler: endpoint(async (req) => {
      const id = generationId(req)
      const { rating, comment } = parse(ratingBody, await readJson(req))
      return json(await rateGeneration(req, id, rating, comment))
    }),
  },
  {
    path: '/:id(\\d+)/download',
    method: 'get',
    handler: endpoint(async (req) => {
      const id = generationId(req)
      const { format } = parse(formatQuery, { format: req.searchParams.get('format') ?? undefined })
      return attachment(await zipGeneration(req, id, format))
    }),
  },
  {
    // One portrait, full size, as WebP or JPEG (?format=jpeg); `number` counts from 1 like the gallery.
    path: '/:id(\\d+)/portraits/:number',
    method: 'get',
    handler: endpoint(async (req) => {
      const id = generationId(req)
      const number = parse(z.object({ number: portraitNumber }), { number: req.routeParams?.number }).number
      const { format } = parse(formatQuery, { format: req.searchParams.get('format') ?? undefined })
      return attachment(await portraitDownload(req, id, number, format))
    }),
  },
]
