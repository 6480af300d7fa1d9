import type { Payload } from 'payload'

import type { ApiClient } from './client'

/** Uploads a photo the way the browser does: multipart with the file under "file". */
export const uploadPhoto = async (client: ApiClient, bytes: Buffer, name = 'me.jpg', type = 'image/jpeg') => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  form.append('_payload', '{}')
  return client.post('/api/photo-uploads', form)
}

const TERMINAL = ['succeeded', 'partially_succeeded', 'failed', 'blocked']

/** Waits until a generation is closed (its job runs in the background of the REST server). */
export const waitForGeneration = async (payload: Payload, id: number, timeoutMs = 45_000) => {
  const started = Date.now()
  const deadline = started + timeoutMs
  for (;;) {
    // The endpoint starts the job at once; only a generation still queued after a while
    // is run by hand (as the poller would), so two runners never race in a test.
    const current = await payload.findByID({ collection: 'generations', id, depth: 0 })
    if (current.status === 'queued' && Date.now() - started > 3000) {
      await payload.jobs.run({ queue: 'generation', limit: 20 }).catch(() => undefined)
    }
    const generation = await payload.findByID({ collection: 'generations', id, depth: 0 })
    if (TERMINAL.includes(generation.status) && generation.finishedAt) return generation
    if (Date.now() > deadline)
      throw new Error(`generation ${id} still ${generation.status} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
}

let counter = 0
/** A fresh customer (with the trial shoots) signed in over REST. */
export const newCustomer = async (payload: Payload, client: ApiClient, label = 'customer') => {
  const email = `${label}-${Date.now()}-${++counter}@example.com`
  const user = await payload.create({
    collection: 'users',
    data: { email, password: 'customer-pass-1', role: 'customer' },
  })
  await client.login(email, 'customer-pass-1')
  return user
}

/** The user's balance must equal the sum of their ledger, always. */
export const ledgerSum = async (payload: Payload, userId: number): Promise<number> => {
  const { docs } = await payload.find({
    collection: 'credit-ledger',
    where: { user: { equals: userId } },
    pagination: false,
    depth: 0,
  })
  return docs.reduce((sum, row) => sum + row.amount, 0)
}

/** The ledger's reference for a generation, `generation:<uuid>` (src/billing/ledgerNames.ts). */
export const generationReference = async (payload: Payload, id: number): Promise<string> =>
  `generation:${(await payload.findByID({ collection: 'generations', id, depth: 0 })).uuid}`
