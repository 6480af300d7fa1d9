import type { Endpoint, PayloadRequest } from 'payload'
import { generateExpiredPayloadCookie } from 'payload/shared'
import { z } from 'zod'

import { deleteAllMyImages, eraseMyAccount } from '@/account/erase'
import { exportMyData } from '@/account/exportData'
import { requireUser } from '@/access'
import { textSchema } from '@/lib/input'

import { endpoint, json, parse, readJson } from './respond'

const eraseBody = z.object({
  confirm: textSchema('confirm', 200).min(1, 'type your e-mail address or your password.'),
})

/** Clears Payload's auth cookie (same name, path and flags as Payload sets it): the account it named is gone. */
const clearAuthCookie = (req: PayloadRequest): string =>
  generateExpiredPayloadCookie({ collectionAuthConfig: req.payload.collections.users.config.auth, cookiePrefix: req.payload.config.cookiePrefix })

/** The signed-in customer's own data: delete all photos and portraits, erase the account, export. */
export const accountEndpoints: Endpoint[] = [
  {
    path: '/account/delete-images',
    method: 'post',
    handler: endpoint(async (req) => json(await deleteAllMyImages(req, requireUser(req).id))),
  },
  {
    path: '/account/erase',
    method: 'post',
    handler: endpoint(async (req) => {
      const user = requireUser(req)
      const { confirm } = parse(eraseBody, await readJson(req))
      await eraseMyAccount(req, user, confirm)
      return json({ erased: true }, 200, { 'set-cookie': clearAuthCookie(req) })
    }),
  },
  {
    path: '/account/export',
    method: 'get',
    handler: endpoint(async (req) => {
      const { filename, data } = await exportMyData(req, requireUser(req))
      return new Response(data as BodyInit, {
        headers: {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
        },
      })
    }),
  },
]
