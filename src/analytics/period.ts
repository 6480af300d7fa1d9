import { z } from 'zod'

import { addDays, dayNumberOf, dayOf, isDay } from './days'

export const TIMEFRAMES = ['7d', '30d', '90d'] as const
export type Timeframe = (typeof TIMEFRAMES)[number]

export const MAX_PERIOD_DAYS = 366

export interface Period {
  /** First day included (UTC, YYYY-MM-DD). */
  from: string
  /** Last day included. */
  to: string
  days: number
  timeframe: Timeframe | null
}

const day = (label: string) =>
  z
    .string({ error: `${label} must be a date written YYYY-MM-DD.` })
    .refine(isDay, `${label} must be a real date written YYYY-MM-DD.`)

/** The dashboard's query string: a timeframe, or a from/to range; optionally one package. */
export const analyticsQuerySchema = z
  .object({
    timeframe: z
      .enum(TIMEFRAMES, {
        error: (issue) =>
          `Unknown timeframe "${String(issue.input)}". Use 7d, 30d or 90d, or give from and to dates.`,
      })
      .optional(),
    from: day('from').optional(),
    to: day('to').optional(),
    packageId: z.coerce
      .number({ error: 'packageId must be a package id.' })
      .int('packageId must be a whole number.')
      .positive('packageId must be a positive id.')
      .optional(),
  })
  .superRefine((value, context) => {
    const hasRange = value.from !== undefined || value.to !== undefined
    if (hasRange && value.timeframe) {
      context.addIssue({
        code: 'custom',
        path: ['timeframe'],
        message: 'Give either a timeframe or from/to dates, not both.',
      })
      return
    }
    if (!hasRange) return
    if (!value.from || !value.to) {
      context.addIssue({
        code: 'custom',
        path: [value.from ? 'to' : 'from'],
        message: 'A custom range needs both from and to (YYYY-MM-DD).',
      })
      return
    }
    if (value.from > value.to) {
      context.addIssue({
        code: 'custom',
        path: ['from'],
        message: `from (${value.from}) must not be after to (${value.to}).`,
      })
      return
    }
    const days = dayNumberOf(value.to) - dayNumberOf(value.from) + 1
    if (days > MAX_PERIOD_DAYS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `A range covers at most ${MAX_PERIOD_DAYS} days (this one covers ${days}).`,
      })
    }
  })

export type AnalyticsQuery = z.output<typeof analyticsQuerySchema>

/** The days a query covers; a timeframe ends today (UTC). The default is the last 30 days. */
export const resolvePeriod = (
  query: Pick<AnalyticsQuery, 'from' | 'timeframe' | 'to'>,
  now: Date = new Date(),
): Period => {
  if (query.from && query.to) {
    return {
      from: query.from,
      to: query.to,
      days: dayNumberOf(query.to) - dayNumberOf(query.from) + 1,
      timeframe: null,
    }
  }
  const timeframe = query.timeframe ?? '30d'
  const days = Number.parseInt(timeframe, 10)
  const to = dayOf(now)
  return { from: addDays(to, -(days - 1)), to, days, timeframe }
}
