import type { useLivePreview } from '@payloadcms/live-preview-react'

import { apiFetch } from './api'

/** The hook's `requestHandler` option (`CollectionPopulationRequestHandler` in `@payloadcms/live-preview`). */
type CollectionPopulationRequestHandler = NonNullable<Parameters<typeof useLivePreview>[0]['requestHandler']>

/**
 * A live-preview request handler that answers the admin's edits in the order they were made.
 *
 * `@payloadcms/live-preview` merges every form change with a POST to `{serverURL}{apiPath}/{endpoint}`
 * (method override GET) and shows whichever response resolves last. Two quick edits can resolve out of
 * order, and the preview then sticks on the older draft until the next keystroke. Chaining the requests
 * makes the newest edit always the last to land. Shapes and the override header as in
 * `@payloadcms/live-preview`'s default handler (docs: payloadcms.com/docs/live-preview/frontend).
 */
export function createInOrderPopulation(): CollectionPopulationRequestHandler {
  let previous: Promise<unknown> = Promise.resolve()
  return ({ apiPath, data, endpoint, serverURL }) => {
    const request = previous.then(() =>
      apiFetch(`${serverURL}${apiPath}/${endpoint}`, {
        body: JSON.stringify(data),
        headers: { 'Content-Type': 'application/json', 'X-Payload-HTTP-Method-Override': 'GET' },
        method: 'POST',
      }),
    )
    previous = request.catch(() => undefined)
    return request
  }
}
