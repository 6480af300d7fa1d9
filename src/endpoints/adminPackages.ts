import { addDataAndFileToRequest, type Endpoint, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { duplicatePackage, togglePackageFlag } from '@/catalog/packageActions'
import { listTestRenders, requireStaff, runTestRender, testRenderInputSchema, useTestRenderAsPreview } from '@/promptLab/testRenders'
import { refreshThemeSeasons } from '@/catalog/seasonRefresh'

import { requireAdmin } from './analytics'
import { endpoint, json, parse } from './respond'

const idParam = (what: string) =>
  z.coerce.number({ error: `The ${what} id must be a number.` }).int(`The ${what} id must be a whole number.`).positive(`The ${what} id must be a positive whole number.`)

const routeId = (req: PayloadRequest, what: string) => parse(idParam(what), req.routeParams?.id)

export const adminPackageEndpoints: Endpoint[] = [
  {
    path: '/admin/packages/:id/toggle-featured',
    method: 'patch',
    handler: endpoint(async (req) => {
      requireAdmin(req, 'feature packages')
      return json(await togglePackageFlag(req, routeId(req, 'package'), 'isFeatured'))
    }),
  },
  {
    path: '/admin/packages/:id/duplicate',
    method: 'post',
    handler: endpoint(async (req) => {
      requireAdmin(req, 'duplicate packages')
      return json(await duplicatePackage(req, routeId(req, 'package')), 201)
    }),
  },
  {
    // Multipart: the sample photo as "file", the options as JSON in "_payload".
    path: '/admin/themes/:id/test-render',
    method: 'post',
    handler: endpoint(async (req) => {
      requireStaff(req)
      const themeId = routeId(req, 'theme')
      await addDataAndFileToRequest(req)
      const input = parse(testRenderInputSchema, req.data ?? {})
      return json(await runTestRender(req, themeId, input, req.file?.data), 201)
    }),
  },
  {
    path: '/admin/themes/:id/test-renders',
    method: 'get',
    handler: endpoint(async (req) => json({ testRenders: await listTestRenders(req, routeId(req, 'theme')) }, 200, { 'cache-control': 'private, no-store' })),
  },
  {
    path: '/admin/test-renders/:id/use-as-preview',
    method: 'post',
    handler: endpoint(async (req) => json(await useTestRenderAsPreview(req, routeId(req, 'test render')))),
  },
  {
    // The hourly season job, run now.
    path: '/admin/themes/refresh-seasons',
    method: 'post',
    handler: endpoint(async (req) => {
      requireAdmin(req, 'refresh theme seasons')
      return json(await refreshThemeSeasons(req.payload))
    }),
  },
]
