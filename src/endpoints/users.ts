import {
  addDataAndFileToRequest,
  type Endpoint,
  headersWithCors,
  parseParams,
  updateByIDOperation,
} from 'payload'

import { EMAIL_CHANGE_ANSWER, emailChangeRequested } from '@/account/emailChange'

/**
 * PATCH /api/users/<id>, in place of Payload's own update endpoint: the same operation and the
 * same `{ doc, message }` answer, except that a request to change the e-mail address answers
 * `message` = EMAIL_CHANGE_ANSWER (a link was sent to the new address; the address in `doc` is
 * still the old one until it is opened), as POST /api/account/settings does. The admin panel
 * shows this message after a save. Errors are the operation's (400 naming currentPassword, ...).
 */
export const updateUserEndpoint: Endpoint = {
  path: '/:id',
  method: 'patch',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const { depth, draft, populate, select } = parseParams(req.query as Record<string, unknown>)
    const doc = await updateByIDOperation({
      // As Payload's handler reads a numeric id (parseFloat; NaN finds no document).
      id: parseFloat(String(req.routeParams?.id)),
      collection: req.payload.collections.users,
      data: req.data ?? {},
      depth,
      draft,
      populate,
      req,
      select,
    })
    const message = emailChangeRequested(req) ? EMAIL_CHANGE_ANSWER : req.t('general:updatedSuccessfully')
    return Response.json({ doc, message }, { headers: headersWithCors({ headers: new Headers(), req }) })
  },
}
