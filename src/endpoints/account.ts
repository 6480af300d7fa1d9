import type { Endpoint, PayloadRequest } from 'payload'
import { generateExpiredPayloadCookie } from 'payload/shared'
import { z } from 'zod'

import { updateMyDetails } from '@/account/details'
import { confirmEmailChange } from '@/account/emailChange'
import { deleteAllMyImages, eraseMyAccount } from '@/account/erase'
import { exportMyData } from '@/account/exportData'
import { requireUser } from '@/access'
import { badRequest } from '@/lib/errors'
import { textSchema } from '@/lib/input'

import { endpoint, json, parse, readJson } from './respond'

const confirmEmailBody = z.object({
  token: textSchema('token', 100).min(1, 'the link has no token: open the whole link from the e-mail.'),
})

const eraseBody = z.object({
  confirm: textSchema('confirm', 200).min(1, 'type your e-mail address or your password.'),
})

const DETAIL_FIELDS = ['name', 'email', 'newPassword', 'currentPassword']
const detailsBody = z.object({
  name: textSchema('name', 100).optional(),
  email: z
    .email({ error: 'type an e-mail address such as you@example.com.' })
    .max(254, 'is at most 254 characters.')
    .optional(),
  newPassword: textSchema('newPassword', 200).min(8, 'use at least 8 characters.').optional(),
  currentPassword: textSchema('currentPassword', 200).optional(),
})

/** Fields /account/settings does not change (role, credits...) are refused by name, never ignored. */
const onlyDetailFields = (body: unknown): unknown => {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const other = Object.keys(body).find((key) => !DETAIL_FIELDS.includes(key))
    if (other)
      throw badRequest(`${other.slice(0, 40)} cannot be changed here.`, { field: other.slice(0, 40) })
  }
  return body
}

/** Clears Payload's auth cookie (same name, path and flags as Payload sets it): the account it named is gone. */
const clearAuthCookie = (req: PayloadRequest): string =>
  generateExpiredPayloadCookie({
    collectionAuthConfig: req.payload.collections.users.config.auth,
    cookiePrefix: req.payload.config.cookiePrefix,
  })

/** The signed-in customer's own data: details, delete all photos and portraits, erase the account, export. */
export const accountEndpoints: Endpoint[] = [
  {
    // "Your details": name; e-mail and password with the current password.
    path: '/account/settings',
    method: 'post',
    handler: endpoint(async (req) => {
      const user = requireUser(req)
      const change = parse(detailsBody, onlyDetailFields(await readJson(req)))
      return json(await updateMyDetails(req, user, change))
    }),
  },
  {
    // The link e-mailed to a new address; no sign-in needed (it may be opened in another browser).
    path: '/account/confirm-email',
    method: 'post',
    handler: endpoint(async (req) => {
      const { token } = parse(confirmEmailBody, await readJson(req))
      return json(await confirmEmailChange(req, token))
    }),
  },
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
