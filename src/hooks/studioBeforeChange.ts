import type { CollectionBeforeChangeHook } from 'payload'

import { defaultStudioId } from '@/studios/defaultStudio'
import { studioIdOf } from '@/studios/studioOwned'

import { type StudioSource, studioOfParent } from './assignStudio'

/**
 * The studio of a new row of the studio's books (STUDIO_RECORD_COLLECTIONS, issue 24), set by the
 * server: the studio the server's own write names (code that has the package or generation loaded
 * passes it), else the first of `sources` that has one (a shoot's package, else its customer),
 * else the default studio. A client never names it: the field is server-owned (a REST write naming
 * it is a 400 before this runs). Runs before change, after the multi-tenant plugin's membership
 * check (which would refuse a customer's own upload: customers work in no studio). Updates keep
 * the studio the row was made with.
 */
export const studioBeforeChange =
  (...sources: StudioSource[]): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    if (operation !== 'create' || studioIdOf(data.studio) !== undefined) return data
    for (const source of sources) {
      const studio = await studioOfParent(source, data, req)
      if (studio !== undefined) return { ...data, studio }
    }
    const studio = await defaultStudioId(req.payload, req)
    return studio === undefined ? data : { ...data, studio }
  }

/** The row's customer (its `owner`), whose studio is the one whose site they signed up on. */
export const fromOwner: StudioSource = { collection: 'users', id: (data) => data.owner }
