import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { requireRole } from '@/access'
import { duplicatePackage, togglePackageFlag } from '@/catalog/packageActions'
import { refreshThemeSeasons } from '@/catalog/seasonRefresh'
import { testRenderInputSchema } from '@/promptLab/testRenderShapes'
import { listTestRenders, runTestRender, useTestRenderAsPreview } from '@/promptLab/testRenders'

import { endpoint, json, parse, routeId } from './respond'

const STAFF = ['admin', 'owner', 'editor'] as const

export const adminPackageEndpoints: Endpoint[] = [
  {
    path: '/admin/packages/:id/toggle-active',
    method: 'patch',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'switch packages on or off')
      return json(await togglePackageFlag(req, routeId(req, 'package'), 'isActive'))
    }),
  },
  {
    path: '/admin/packages/:id/toggle-featured',
    method: 'patch',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'feature packages')
      return json(await togglePackageFlag(req, routeId(req, 'package'), 'isFeatured'))
    }),
  },
  {
    path: '/admin/packages/:id/duplicate',
    method: 'post',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'duplicate packages')
      return json(await duplicatePackage(req, routeId(req, 'package')), 201)
    }),
  },
  {
    // Multipart: the sample photo as "file", the options as JSON in "_payload".
    path: '/admin/themes/:id/test-render',
    method: 'post',
    handler: endpoint(async (req) => {
      requireRole(req, STAFF, 'use the prompt lab')
      const themeId = routeId(req, 'theme')
      await addDataAndFileToRequest(req)
      const input = parse(testRenderInputSchema, req.data ?? {})
      return json(await runTestRender(req, themeId, input, req.file?.data), 201)
    }),
  },
  {
    path: '/admin/themes/:id/test-renders',
    method: 'get',
    handler: endpoint(async (req) => {
      requireRole(req, STAFF, 'use the prompt lab')
      return json({ testRenders: await listTestRenders(req, routeId(req, 'theme')) }, 200, {
        'cache-control': 'private, no-store',
      })
    }),
  },
  {
    path: '/admin/test-renders/:id/use-as-preview',
    method: 'post',
    handler: endpoint(async (req) => {
      requireRole(req, STAFF, 'use the prompt lab')
      return json(await useTestRenderAsPreview(req, routeId(req, 'test render')))
    }),
  },
  {
    // The hourly season job, run now.
    path: '/admin/themes/refresh-seasons',
    method: 'post',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'refresh theme seasons')
      return json(await refreshThemeSeasons(req.payload))
    }),
  },
]
