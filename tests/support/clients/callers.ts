import type { Payload } from 'payload'

import { ApiClient } from './client'

/** A signed-in REST client and the id of the user it acts as. */
export type SignedIn = ApiClient & { id: number }

/** The five kinds of caller the access tests try every door with. */
export interface Callers {
  anonymous: ApiClient
  /** Two fresh customers with the trial shoots: `customer` owns the test documents, `otherCustomer` must not reach them. */
  customer: SignedIn
  otherCustomer: SignedIn
  /** The seeded staff accounts. */
  editor: SignedIn
  admin: SignedIn
}

export const CALLER_KINDS = ['anonymous', 'customer', 'otherCustomer', 'editor', 'admin'] as const
export type CallerKind = (typeof CALLER_KINDS)[number]

let counter = 0

const signIn = async (baseUrl: string, email: string, password: string): Promise<SignedIn> => {
  const client = await new ApiClient(baseUrl).login(email, password)
  const me = await client.get('/api/users/me')
  return Object.assign(client, { id: me.body.user.id as number })
}

const freshCustomer = async (payload: Payload, baseUrl: string, label: string): Promise<SignedIn> => {
  const email = `${label}-${Date.now()}-${++counter}@example.com`
  await payload.create({
    collection: 'users',
    data: { email, password: 'customer-pass-1', role: 'customer' },
  })
  return signIn(baseUrl, email, 'customer-pass-1')
}

/**
 * Signs in one of each caller against the REST server at `baseUrl`: anonymous, two fresh
 * customers (named `<label>-...@example.com`), and the seeded editor and admin.
 */
export const signInCallers = async (
  payload: Payload,
  baseUrl: string,
  label = 'caller',
): Promise<Callers> => {
  const [customer, otherCustomer, editor, admin] = await Promise.all([
    freshCustomer(payload, baseUrl, label),
    freshCustomer(payload, baseUrl, `${label}-other`),
    signIn(baseUrl, 'editor@photo-packages.local', 'editor-demo-pass'),
    signIn(baseUrl, 'admin@photo-packages.local', 'admin-demo-pass'),
  ])
  return { anonymous: new ApiClient(baseUrl), customer, otherCustomer, editor, admin }
}
