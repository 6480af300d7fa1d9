import type { Endpoint } from 'payload'
import { z } from 'zod'

import { deleteAllMyImages, eraseMyAccount } from '@/account/erase'
import { exportMyData } from '@/account/exportData'

import { endpoint, json, parse, readJson } from './respond'

const eraseBody = z.object({
  confirm: z.string({ error: 'type your e-mail address or your password.' }).min(1, 'type your e-mail address or your password.').max(200),
})

/** Clears Payload's auth cookie: the account it named no longer exists. */
const clearAuthCookie = (prefix: string) =>
  `${prefix}-token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`

/** The signed-in customer's own data: delete all photos and portraits, erase the account, export. */
export const accountEndpoints: Endpoint[] = [
  {
    path: '/account/delete-images',
    method: 'post',
    handler: endpoint(async (req) => json(await deleteAllMyImages(req))),
  },
  {
    path: '/account/erase',
    method: 'post',
    handler: endpoint(async (req) => {
      const { confirm } = parse(eraseBody, await readJson(req))
      await eraseMyAccount(req, confirm)
      return json({ erased: true }, 200, { 'set-cookie': clearAuthCookie(req.payload.config.cookiePrefix) })
    }),
  },
  {
    path: '/account/export',
    method: 'get',
    handler: endpoint(async (req) => {
      const { filename, data } = await exportMyData(req)
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
