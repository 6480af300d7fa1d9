import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

let instance: Promise<Payload> | undefined

/** One Payload per test file, on the run's fresh database. */
export const testPayload = (): Promise<Payload> => {
  instance ??= getPayload({ config }).then((payload) => {
    // The database is dropped WITH (FORCE) when the run ends; a killed idle connection is expected.
    ;(payload.db as unknown as { pool?: { on: (event: string, handler: () => void) => void } }).pool?.on(
      'error',
      () => undefined,
    )
    return payload
  })
  return instance
}

/** This process's Payload if a test has started it, else undefined (without starting one). */
export const startedTestPayload = (): Promise<Payload> | undefined => instance
