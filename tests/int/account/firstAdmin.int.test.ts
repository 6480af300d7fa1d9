import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { expect, it } from 'vitest'

import { createFreshDatabase, dropDatabase } from '../../support/setup/database'

it('makes exactly one admin when 8 sign-ups hit an empty database at once', async () => {
  const { name, uri } = await createFreshDatabase('pp_first_admin')
  try {
    const root = path.resolve(import.meta.dirname, '../../..')
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tests/support/processes/firstSignupsCli.ts'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URI: uri, SIGNUPS: '8', JOBS_AUTORUN: '0' },
        encoding: 'utf8',
        timeout: 170_000,
      },
    )
    const line = child.stdout.split('\n').find((text) => text.startsWith('RESULT '))
    expect(
      line,
      `exit ${child.status}\n${child.stdout.slice(-2000)}\n${child.stderr.slice(-2000)}`,
    ).toBeDefined()
    const { statuses, roles } = JSON.parse(line!.slice('RESULT '.length)) as {
      statuses: number[]
      roles: string[]
    }
    expect(statuses).toEqual(Array(8).fill(201))
    expect(roles.filter((role) => role === 'admin')).toHaveLength(1)
    expect(roles.filter((role) => role === 'customer')).toHaveLength(7)
  } finally {
    await dropDatabase(name)
  }
}, 180_000)
