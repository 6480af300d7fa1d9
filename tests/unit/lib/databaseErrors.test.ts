import { createClient } from '@libsql/client'
import { describe, expect, it } from 'vitest'

import { databaseRefusal } from '@/lib/databaseErrors'

/** The error a statement raises on a real in-memory SQLite database (libsql, as the demo's adapter). */
const sqliteError = async (statement: string): Promise<unknown> => {
  const client = createClient({ url: ':memory:' })
  try {
    await client.execute('PRAGMA foreign_keys = ON')
    await client.execute('CREATE TABLE studios (id INTEGER PRIMARY KEY)')
    await client.execute(
      'CREATE TABLE users_tenants (id TEXT NOT NULL PRIMARY KEY, tenant_id INTEGER REFERENCES studios(id), email TEXT UNIQUE)',
    )
    await client.execute('INSERT INTO studios (id) VALUES (1)')
    await client.execute("INSERT INTO users_tenants (id, tenant_id, email) VALUES ('a', 1, 'a@example.com')")
    return await client.execute(statement).then(
      () => null,
      (error: unknown) => error,
    )
  } finally {
    client.close()
  }
}

describe('databaseRefusal on SQLite', () => {
  it('answers a foreign key that names no row as a 400', async () => {
    const refusal = databaseRefusal(
      await sqliteError("INSERT INTO users_tenants (id, tenant_id) VALUES ('b', 999)"),
    )
    expect({ status: refusal?.status, message: refusal?.message }).toEqual({
      status: 400,
      message: 'A relationship names a document that does not exist.',
    })
  })

  it('answers a missing required column as a 400 and a duplicate as a 409, naming the column', async () => {
    expect(databaseRefusal(await sqliteError('INSERT INTO users_tenants (id) VALUES (NULL)'))).toMatchObject({
      status: 400,
      details: { field: 'id' },
    })
    expect(
      databaseRefusal(
        await sqliteError("INSERT INTO users_tenants (id, email) VALUES ('c', 'a@example.com')"),
      ),
    ).toMatchObject({ status: 409, details: { field: 'email' } })
  })
})
