import type { TaskConfig } from 'payload'

import { QUEUES, TASKS } from '@/lib/queues'
import { DomainError } from '@/lib/errors'

import { refreshAnalyticsRollups } from './rollup'

/** Hourly: recompute the rollups of the days whose analytics or purchases changed. */
export const refreshAnalyticsRollupsTask: TaskConfig<any> = {
  slug: TASKS.refreshAnalyticsRollups,
  label: 'Refresh analytics rollups',
  retries: 0,
  schedule: [{ cron: '0 * * * *', queue: QUEUES.maintenance }],
  inputSchema: [{ name: 'mode', type: 'select', options: ['incremental', 'full'] }],
  outputSchema: [
    { name: 'mode', type: 'text' },
    { name: 'daysRecomputed', type: 'number' },
    { name: 'rowsWritten', type: 'number' },
    { name: 'themesRescored', type: 'number' },
  ],
  handler: async ({ input, req }) => {
    try {
      const result = await refreshAnalyticsRollups(req.payload, {
        mode: input?.mode === 'full' ? 'full' : 'incremental',
        trigger: 'schedule',
      })
      return {
        output: {
          mode: result.mode,
          daysRecomputed: result.days.length,
          rowsWritten: result.rowsWritten,
          themesRescored: result.themesRescored,
        },
      }
    } catch (error) {
      // An admin's "Refresh figures" is running right now: that run does this hour's work.
      if (error instanceof DomainError && error.status === 409)
        return { output: { mode: 'skipped', daysRecomputed: 0, rowsWritten: 0, themesRescored: 0 } }
      throw error
    }
  },
}
