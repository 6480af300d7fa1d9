import pg from 'pg'

export const TEST_DATABASE_BASE = process.env.TEST_DATABASE_URI ?? 'postgres://postgres@127.0.0.1:5432'

const adminUri = () => `${TEST_DATABASE_BASE.replace(/\/$/, '')}/postgres`

/** A brand-new, uniquely named database for one test run. */
export const createFreshDatabase = async (prefix = 'pp_test'): Promise<{ name: string; uri: string }> => {
  const name = `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`
  const client = new pg.Client({ connectionString: adminUri() })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  return { name, uri: `${TEST_DATABASE_BASE.replace(/\/$/, '')}/${name}` }
}

export const dropDatabase = async (name: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUri() })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
