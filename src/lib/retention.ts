const wholeDays = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of days, at least 1 (got "${raw}").`)
  return value
}

/** PHOTO_RETENTION_DAYS (default 30, after last use) and PORTRAIT_RETENTION_DAYS (default 365). */
export const retentionDays = (): { photoDays: number; portraitDays: number } => ({
  photoDays: wholeDays('PHOTO_RETENTION_DAYS', 30),
  portraitDays: wholeDays('PORTRAIT_RETENTION_DAYS', 365),
})
