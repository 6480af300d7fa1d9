import fc from 'fast-check'
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres/drizzle'

/** One raw HTTP request the hostile suite sends (the body already encoded). */
export interface HostileRequest {
  method: string
  path: string
  body?: string
  contentType?: string
}

/**
 * A fingerprint of every table (row count and newest updated_at): equal before and after a
 * refused request means the request changed nothing. The job queue's tables are left out:
 * Payload's scheduler writes them on its own clock, whatever the requests do.
 */
export const databaseFingerprint = async (payload: Payload): Promise<string> => {
  const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<{ rows: any[] }> } })
    .drizzle
  const { rows: tables } = await db.execute(
    sql`select table_name, exists (select 1 from information_schema.columns c where c.table_name = t.table_name and c.column_name = 'updated_at') as stamped
        from information_schema.tables t where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'payload_jobs%' order by table_name`,
  )
  const parts = tables.map(
    ({ table_name: name, stamped }: { table_name: string; stamped: boolean }) =>
      `select '${name}' as t, count(*)::text || '@' || ${stamped ? "coalesce(max(updated_at)::text, '')" : "''"} as f from "${name}"`,
  )
  const { rows } = await db.execute(sql.raw(parts.join(' union all ')))
  return rows.map((row: { t: string; f: string }) => `${row.t}=${row.f}`).join(';')
}

const nasty = fc.constantFrom(
  'abc',
  '-1',
  '0',
  '1.5',
  '1e3',
  '0x10',
  '99999999999',
  '2147483648',
  '-2147483649',
  'NaN',
  'Infinity',
  '%ff%fe',
  '%E0%A4%A',
  'a%00b',
  '%00',
  '..%2F..%2Fetc',
  '%2e%2e',
  '1,abc',
  '[]',
  '{}',
  'null',
  "1' or '1'='1",
  '',
)
/** Path or query text: a nasty sample or random text, percent-encoded or deliberately not. */
export const hostileText = fc.oneof(
  nasty,
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ maxLength: 8 }).map((text) => `${text}%00`),
)

/** JSON values of the wrong shape for almost any field. */
export const hostileJsonValue = fc.oneof(
  fc.constantFrom(
    'red',
    'a\u0000b',
    '\u0000',
    99999999999,
    -1,
    1.5,
    true,
    null,
    [],
    {},
    ['a@b.c'],
    [1],
    { id: 'x' },
    '2147483648',
  ),
  fc.jsonValue({ maxDepth: 2 }),
)

export const hostileContentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  undefined,
)

/** A body that claims to be JSON but is not, or is JSON with NUL bytes in keys or values. */
export const hostileJsonText = fc.oneof(
  fc.constantFrom('{', '{"a":', 'null', '[]', '"text"', '{"a":"\\u0000"}', '{"\\u0000":1}', '\u0000', ''),
  fc
    .dictionary(fc.string({ maxLength: 12 }), hostileJsonValue, { maxKeys: 4 })
    .map((value) => JSON.stringify(value)),
)

const boundary = 'hostileboundary'
/** Multipart bodies that are malformed, truncated, or carry a NUL in a filename or a non-JSON _payload. */
export const hostileMultipart = fc.constantFrom(
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n--${boundary}--\r\n`,
  `--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\nnot json\r\n--${boundary}--\r\n`,
  `--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{"a":"\\u0000"}\r\n--${boundary}--\r\n`,
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0`,
  `--${boundary}\r\nContent-Disposition: form-data; name="file"`,
  `garbage without boundaries`,
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.svg"\r\nContent-Type: image/svg+xml\r\n\r\n<svg xmlns="http://www.w3.org/2000/svg"/>\r\n--${boundary}--\r\n`,
)
export const multipartType = `multipart/form-data; boundary=${boundary}`

/** Just past BODY_MAX_BYTES' default (1 MiB): as JSON padding, plain text, or a multipart file part. */
export const oversizedBody = fc
  .record({
    size: fc.integer({ min: 1_048_577, max: 1_200_000 }),
    kind: fc.constantFrom('json', 'text', 'multipart'),
  })
  .map(({ size, kind }) => {
    if (kind === 'json')
      return { body: JSON.stringify({ note: 'x'.repeat(size) }), contentType: 'application/json' }
    if (kind === 'text') return { body: 'x'.repeat(size), contentType: 'text/plain' }
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`
    return { body: `${head}${'\xff'.repeat(size)}\r\n--${boundary}--\r\n`, contentType: multipartType }
  })
