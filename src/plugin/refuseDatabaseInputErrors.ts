import type { AfterErrorHook } from 'payload'

import { databaseRefusal } from '@/lib/databaseErrors'

/** Config-level afterError: Postgres and SQLite input errors from Payload's own REST become 4xx (see databaseRefusal). */
export const refuseDatabaseInputErrors: AfterErrorHook = ({ error }) => {
  const refusal = databaseRefusal(error)
  if (!refusal) return
  return { response: { errors: [{ message: refusal.message, ...refusal.details }] }, status: refusal.status }
}
