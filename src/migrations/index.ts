// Replaced by `payload migrate:create`; an empty list until the first migration exists.
export const migrations = []
