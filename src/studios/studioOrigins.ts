import type { Payload } from 'payload'

import { settings } from '@/lib/settings'
import { siteOrigin } from '@/lib/siteOrigin'

import { type StudioHosts, studioDirectory } from './resolveStudio'

/**
 * The origins of every active studio's own site: each of its hostnames, and `<slug>.` +
 * PLATFORM_DOMAIN when set, at `linkOrigin`'s scheme and port (siteOrigin). Pure.
 */
export const studioOrigins = (
  studios: readonly StudioHosts[],
  linkOrigin: string,
  platformDomain: string | undefined,
): string[] =>
  studios
    .filter((studio) => studio.status === 'active')
    .flatMap((studio) => [...studio.domains, ...(platformDomain ? [`${studio.slug}.${platformDomain}`] : [])])
    .map((hostname) => siteOrigin(hostname, linkOrigin))

const holder = globalThis as typeof globalThis & { __photoPackagesCsrfBase?: WeakMap<object, string[]> }

/**
 * Keeps Payload's CSRF allowlist (`config.csrf`: the origins whose requests may carry the auth
 * cookie; Payload's own list holds SERVER_URL only) equal to the configured entries plus every
 * active studio's site origin (studioOrigins), from this node's list of studios (refreshed within
 * resolveStudio's 5 s). Without it a customer signed in on a studio's own domain is anonymous to
 * Payload on every request that sends an Origin (all POSTs): Payload drops a cookie from an origin
 * not on the list (payload/dist/auth/extractJWT.js). Returns the allowlist, for the request guard's
 * own check (guard/origin.ts), which is all of it without SERVER_URL (see below). Called before
 * Payload reads a credential: the REST guard, the pages.
 */
export const trustStudioOrigins = async (payload: Payload): Promise<readonly string[]> => {
  const csrf = payload.config.csrf
  holder.__photoPackagesCsrfBase ??= new WeakMap()
  let base = holder.__photoPackagesCsrfBase.get(payload.config)
  if (!base) {
    base = [...csrf]
    holder.__photoPackagesCsrfBase.set(payload.config, base)
  }
  const { publicOrigin, linkOrigin, platformDomain } = settings()
  const wanted = [
    ...new Set([...base, ...studioOrigins(await studioDirectory(payload), linkOrigin, platformDomain)]),
  ]
  // Without SERVER_URL (development) Payload's list stays as configured, empty: Payload takes the
  // cookie from any origin, as before studios, and the guard alone checks a write's origin (the
  // request's own Host's, or one of these). Filled, it shut out the default studio, which serves
  // every host no studio claims: the demo's admin at http://localhost:3000 could not save.
  const kept = publicOrigin ? wanted : base
  if (kept.length !== csrf.length || kept.some((origin, index) => csrf[index] !== origin))
    csrf.splice(0, csrf.length, ...kept)
  return wanted
}
