import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

let instance: Promise<Payload> | undefined

/** One Payload per test file, on the run's fresh database. */
export const testPayload = (): Promise<Payload> => {
  instance ??= getPayload({ config })
  return instance
}
