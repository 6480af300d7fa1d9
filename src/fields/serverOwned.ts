import type { Field } from 'payload'

/**
 * Fields the server computes (an upload's owner and faces, a shoot's status and progress, what
 * Stripe reported on a purchase): no client sets them through REST, staff included. Marked with
 * `custom.serverOwned` and read-only in the admin panel; src/hooks/refuseForbiddenFields.ts
 * answers a change with a 400 naming the field (an unchanged echo passes). The server's own
 * local API writes them as before. Throws at start for a name the list does not have.
 */
export const serverOwnedFields = (names: readonly string[], fields: Field[]): Field[] => {
  const missing = names.filter((name) => !fields.some((field) => 'name' in field && field.name === name))
  if (missing.length > 0) throw new Error(`serverOwnedFields: no field named ${missing.join(', ')}`)
  return fields.map((field) =>
    'name' in field && names.includes(field.name)
      ? ({
          ...field,
          custom: { ...field.custom, serverOwned: true },
          admin: { ...field.admin, readOnly: true },
        } as Field)
      : field,
  )
}

/** Whether `field` was marked by serverOwnedFields. */
export const isServerOwned = (field: { custom?: Record<string, unknown> }): boolean =>
  field.custom?.serverOwned === true
