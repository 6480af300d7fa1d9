import type { TaskConfig } from 'payload'

import { QUEUES, TASKS } from '@/lib/queues'

import { refreshThemeSeasons } from './seasonRefresh'

/**
 * Marks themes in or out of season. Scheduled every hour (a no-op unless a season opened or
 * closed), so the flip lands within the hour after midnight UTC whatever the server's time zone.
 */
export const refreshThemeSeasonsTask: TaskConfig<any> = {
  slug: TASKS.refreshThemeSeasons,
  label: 'Refresh theme seasons',
  retries: 0,
  schedule: [{ cron: '1 * * * *', queue: QUEUES.maintenance }],
  outputSchema: [
    { name: 'checked', type: 'number' },
    { name: 'movedIn', type: 'number' },
    { name: 'movedOut', type: 'number' },
  ],
  handler: async ({ req }) => {
    const result = await refreshThemeSeasons(req.payload)
    return {
      output: { checked: result.checked, movedIn: result.movedIn.length, movedOut: result.movedOut.length },
    }
  },
}
