import { type CollectionBeforeChangeHook, type CollectionBeforeValidateHook, ValidationError } from 'payload'

const refuse = (message: string) =>
  new ValidationError({ collection: 'studios', errors: [{ path: 'domains', message }] })

type DomainRow = { hostname?: unknown; id?: unknown }

/** `Photos.Example.com:443.` → `photos.example.com`: lower case, no port, no trailing dot. */
export const normaliseHostname = (value: string): string =>
  value.trim().toLowerCase().replace(/\.+$/, '').replace(/:\d*$/, '').replace(/\.+$/, '')

const rowsOf = (data: Record<string, unknown> | undefined): DomainRow[] | undefined =>
  Array.isArray(data?.domains) ? (data.domains as DomainRow[]) : undefined

/** Every hostname written as the Host header will carry it (see normaliseHostname). */
export const normaliseDomains: CollectionBeforeValidateHook = ({ data }) => {
  for (const row of rowsOf(data) ?? [])
    if (row && typeof row.hostname === 'string') row.hostname = normaliseHostname(row.hostname)
  return data
}

/**
 * One studio per hostname: a hostname listed twice, or served by another studio, is a 400 naming
 * `domains` (the unique index on the hostname column backs this against a concurrent write).
 * Errors: 400 ValidationError on `domains`: `<hostname> is listed twice.` / `… is already served by another studio.`
 */
export const refuseTakenDomains: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const hostnames = (rowsOf(data) ?? []).map((row) => row?.hostname).filter((h) => typeof h === 'string')
  const seen = new Set<string>()
  for (const hostname of hostnames as string[]) {
    if (seen.has(hostname)) throw refuse(`${hostname} is listed twice.`)
    seen.add(hostname)
  }
  if (hostnames.length === 0) return data
  const { docs } = await req.payload.find({
    collection: 'studios',
    where: {
      and: [
        { 'domains.hostname': { in: hostnames } },
        ...(originalDoc?.id !== undefined ? [{ id: { not_equals: originalDoc.id } }] : []),
      ],
    },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    select: { domains: true },
  })
  const taken = (docs[0]?.domains ?? []).find((row) => hostnames.includes(row.hostname))
  if (taken) throw refuse(`${taken.hostname} is already served by another studio.`)
  return data
}
