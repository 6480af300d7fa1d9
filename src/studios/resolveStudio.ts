import type { Payload, PayloadRequest } from 'payload'

import { REQUEST_HOST_HEADER } from '@server/contract.mjs'

import { notFound } from '@/lib/errors'
import { settings } from '@/lib/settings'

/** What the lookup needs of a studio (issue 24: a request finds its studio from its Host). */
export interface StudioHosts {
  id: number
  slug: string
  status: 'active' | 'suspended' | string
  domains: string[]
}

/** The studio a request is served by. */
export type RequestStudio = Pick<StudioHosts, 'id' | 'slug'>

/**
 * A Host (or X-Forwarded-Host) value as the studios' `domains` store it: the first of a list,
 * lower case, without port or trailing dot; an IPv6 literal loses its brackets (`[::1]:3000` →
 * `::1`). Undefined for an empty value. Pure.
 */
export const normaliseHost = (raw: string | null | undefined): string | undefined => {
  const value = raw?.split(',')[0]?.trim().toLowerCase()
  if (!value) return undefined
  const ipv6 = /^\[([^\]]*)\](?::\d*)?$/.exec(value)
  const host = ipv6 ? ipv6[1] : value.replace(/:\d*$/, '')
  return host.replace(/\.+$/, '') || undefined
}

/**
 * The host a request was addressed to: X-Forwarded-Host when a proxy in front is trusted
 * (TRUST_PROXY; without one any client could name any host), else the Host the client sent.
 * server/front.mjs passes X-Forwarded-Host on as sent, and the client's Host in its own header
 * (REQUEST_HOST_HEADER, empty for none): the Host the app receives is never empty, Node fills
 * one in with the child's own address. Without the front's header (a test's server calling
 * Payload directly), Host. Normalised as normaliseHost: undefined when there is none.
 */
export const requestHost = (headers: Pick<Headers, 'get'>, trustProxy: boolean): string | undefined =>
  normaliseHost(
    (trustProxy && headers.get('x-forwarded-host')) ||
      (headers.get(REQUEST_HOST_HEADER) ?? headers.get('host')),
  )

/**
 * The studio serving `host`, from `studios` sorted by id (the first is the default studio):
 * the one whose `domains` hold the host, else the one whose slug is the host's first label
 * under `platformDomain`. A suspended studio serves nothing. A host no studio claims is served
 * by the default studio when `platformDomain` is unset (one studio per deployment: 127.0.0.1,
 * localhost and any name a demo is reached by), and by none when it is set. Pure.
 * Returns the studio, or null (the caller answers 404).
 */
export const matchStudio = (
  host: string | undefined,
  studios: readonly StudioHosts[],
  platformDomain: string | undefined,
): RequestStudio | null => {
  const suffix = platformDomain ? `.${platformDomain}` : undefined
  const label = host && suffix && host.endsWith(suffix) ? host.slice(0, -suffix.length) : undefined
  const claimed =
    (host && studios.find((studio) => studio.domains.includes(host))) ||
    (label && studios.find((studio) => studio.slug === label))
  const studio = claimed || (platformDomain ? undefined : studios[0])
  return studio && studio.status === 'active' ? { id: studio.id, slug: studio.slug } : null
}

/** How long a node trusts its list of studios: another node's studio edit reaches it within this. */
const DIRECTORY_TTL_MS = 5_000

/** The cached list: `read` once the read has resolved. */
interface Directory {
  studios: Promise<StudioHosts[]>
  read?: StudioHosts[]
  expiresAt: number
}

const holder = globalThis as typeof globalThis & { __photoPackagesStudioHosts?: Directory }

const readDirectory = (payload: Payload, req?: Partial<PayloadRequest>): Promise<StudioHosts[]> =>
  payload
    .find({
      collection: 'studios',
      sort: 'id',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { slug: true, status: true, domains: true },
      ...(req && { req }),
    })
    .then(({ docs }) =>
      docs.map((doc) => ({
        id: doc.id as number,
        slug: doc.slug,
        status: doc.status,
        domains: (doc.domains ?? []).map((domain) => domain.hostname),
      })),
    )

/**
 * Every studio's id, slug, status and domains, by id; cached for DIRECTORY_TTL_MS. A caller inside
 * a transaction passes its `req`, and is then never made to wait for a read on another pool
 * connection: it takes the cached list only once it is read, else it reads in its own transaction
 * (and keeps that read to itself). A transaction waiting on another connection's read holds its own
 * connection meanwhile; with every connection so held, the read never gets one and the node hangs
 * (seen with a pool of one: a sign-up's users create, in customerStudio, waited on the list the
 * REST guard of a parallel sign-in had started reading).
 */
export const studioDirectory = (payload: Payload, req?: Partial<PayloadRequest>): Promise<StudioHosts[]> => {
  const cached = holder.__photoPackagesStudioHosts
  const fresh = cached && cached.expiresAt > Date.now() ? cached : undefined
  if (req?.transactionID) return fresh?.read ? fresh.studios : readDirectory(payload, req)
  if (fresh) return fresh.studios
  const studios = readDirectory(payload)
  const entry: Directory = { studios, expiresAt: Date.now() + DIRECTORY_TTL_MS }
  holder.__photoPackagesStudioHosts = entry
  studios.then(
    (read) => {
      entry.read = read
    },
    () => {
      if (holder.__photoPackagesStudioHosts === entry) delete holder.__photoPackagesStudioHosts
    },
  )
  return studios
}

/** Drops this node's list of studios (a studio was created or changed here). */
export const forgetStudioDirectory = (): void => {
  delete holder.__photoPackagesStudioHosts
}

/**
 * The studio a request is served by, from its Host (see requestHost and matchStudio), or null
 * when none is: the caller answers 404, never another studio's catalog. `req`: the request whose
 * transaction the studios are read in, if any (see studioDirectory).
 */
export const resolveStudio = async (
  payload: Payload,
  headers: Pick<Headers, 'get'>,
  req?: Partial<PayloadRequest>,
): Promise<RequestStudio | null> => {
  const { trustProxy, platformDomain } = settings()
  return matchStudio(requestHost(headers, trustProxy), await studioDirectory(payload, req), platformDomain)
}

/**
 * The studio `req` is served by (resolveStudio), for an endpoint.
 * Errors: 404 when no active studio serves the request's host.
 */
export const studioOfRequest = async (
  req: Pick<PayloadRequest, 'headers' | 'payload'> & Partial<PayloadRequest>,
): Promise<RequestStudio> => {
  const studio = await resolveStudio(req.payload, req.headers, req)
  if (!studio) throw notFound('No studio is served at this address.')
  return studio
}
