import type { TextField } from 'payload'

/**
 * `uuid`: a random UUID (v4, 36 characters) given to the document when it is created and never
 * changed. The credit ledger names generations, purchases and adjustments by it in idempotency
 * keys and references (`generation:<uuid>`), never by the row id alone: a row id names a row
 * only while it exists, and a database may hand it out again after a delete. Unique and indexed;
 * rows from before the field were filled by the `record_uuids` migration (Postgres) or at start
 * (`fillMissingUuids`, the embedded SQLite file).
 */
export const uuidField = (): TextField => ({
  name: 'uuid',
  label: 'UUID',
  type: 'text',
  unique: true,
  index: true,
  maxLength: 36,
  // A function, so each document gets its own (globalThis.crypto: Node 20 and browsers alike).
  defaultValue: () => globalThis.crypto.randomUUID(),
  access: { update: () => false },
  admin: {
    readOnly: true,
    position: 'sidebar',
    description: 'Names this record in the credit ledger for ever, even after it is deleted.',
  },
})
