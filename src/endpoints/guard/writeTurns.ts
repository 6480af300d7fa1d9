import { documentTurnKey, inProcessTurn } from '@/lib/writeTurn'

import type { RouteMap } from './routeMap'

/**
 * The document a REST write by id names (`<collection>:<id>` for DELETE or PATCH
 * `<api>/<collection>/<id>`), or null for any other request.
 */
export const writeTurnKey = (request: Request, routes: RouteMap): string | null => {
  if (request.method !== 'DELETE' && request.method !== 'PATCH') return null
  const path = new URL(request.url).pathname
  if (!path.startsWith(`${routes.apiRoute}/`)) return null
  const [slug, id, ...rest] = path.slice(routes.apiRoute.length + 1).split('/')
  if (!slug || !id || rest.length > 0 || !routes.collections.has(slug)) return null
  return documentTurnKey(slug, id)
}

/**
 * Runs `answer` in its turn for the document `key` names. On Postgres the turn is the operation's
 * (src/hooks/deleteOnce.ts: an advisory lock its transaction holds, for every node). The embedded
 * SQLite database runs without transactions (db-sqlite's default) and serves one process, so there
 * the turn is this process's: a write by id waits for the one before it on that document to answer.
 * Without it, deletes of one document at once answered 500 there (Payload deleted its files twice,
 * then read the row gone), where Postgres answered 404.
 */
export const inWriteTurn = <T>(key: string | null, answer: () => Promise<T>): Promise<T> =>
  key ? inProcessTurn(key, answer) : answer()
