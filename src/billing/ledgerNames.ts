/** What the credit ledger names: a record that moved shoots. */
export type LedgerSubject = 'adjustment' | 'generation' | 'purchase'

/** The tables of those records (the embedded database fills their uuids at start: src/lib/sqliteIds.ts). */
export const LEDGER_NAMED_TABLES: Array<{ table: string; subject: LedgerSubject }> = [
  { table: 'generations', subject: 'generation' },
  { table: 'purchases', subject: 'purchase' },
  { table: 'credit_adjustments', subject: 'adjustment' },
]

/**
 * The ledger's name for a record, `<subject>:<uuid>` (e.g. `generation:0b9f…`): the `reference`
 * of every ledger row the record wrote, and the stem of their idempotency keys
 * (`hold:generation:<uuid>`). Never the row id: a database may give a deleted row's id to the
 * next row, and a key built from it would find the old record's rows and skip the new one's
 * hold as a duplicate. Throws for a record without its uuid (every row has one: see src/fields/uuid.ts).
 */
export const ledgerName = (
  subject: LedgerSubject,
  record: { id: number | string; uuid?: string | null },
): string => {
  if (!record.uuid) throw new Error(`${subject} ${record.id} has no uuid; the ledger cannot name it.`)
  return `${subject}:${record.uuid}`
}
