import type { Payload } from 'payload'

import type { Role } from '@/access'
import { settings } from '@/lib/settings'

export interface DemoAccount {
  email: string
  password: string
  role: Role
  name: string
  /** The studio a staff account works in (`tenants`); none: the default studio (staffInAStudio). */
  studio?: number
}

const DEV_PASSWORDS: Record<Exclude<Role, 'owner'>, string> = {
  admin: 'admin-demo-pass',
  editor: 'editor-demo-pass',
  customer: 'customer-demo-pass',
}

/**
 * Dev gets fixed, printed demo passwords. Production refuses to invent any: each account
 * needs SEED_<ROLE>_PASSWORD, or it is not created.
 */
export const demoAccounts = (allowDefaults: boolean): { accounts: DemoAccount[]; skipped: Role[] } => {
  const accounts: DemoAccount[] = []
  const skipped: Role[] = []
  for (const role of ['admin', 'editor', 'customer'] as const) {
    const password = settings().seedPasswords[role] ?? (allowDefaults ? DEV_PASSWORDS[role] : undefined)
    if (!password) {
      skipped.push(role)
      continue
    }
    accounts.push({ email: `${role}@photo-packages.local`, password, role, name: `Demo ${role}` })
  }
  return { accounts, skipped }
}

/** Creates the account if its email is new; never resets an existing one's password. */
export const ensureAccount = async (payload: Payload, account: DemoAccount): Promise<boolean> => {
  const { totalDocs } = await payload.count({
    collection: 'users',
    where: { email: { equals: account.email } },
    overrideAccess: true,
  })
  if (totalDocs > 0) return false
  await payload.create({
    collection: 'users',
    data: {
      email: account.email,
      password: account.password,
      role: account.role,
      name: account.name,
      ...(account.studio !== undefined && { tenants: [{ tenant: account.studio }] }),
    },
    overrideAccess: true,
  })
  return true
}
