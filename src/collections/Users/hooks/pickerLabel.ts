import type { CollectionBeforeOperationHook, FieldHook, Sort, Where } from 'payload'

import { hasRole } from '@/access'
import { shortWallets } from '@/billing/walletWords'
import type { User } from '@/payload-types'

import { walletsOf } from './readWallets'

/** The virtual title field: "ana@example.com — 12 Wedding Portraits · 3 any package". */
export const PICKER_LABEL = 'pickerLabel'

/**
 * A user's title in the admin (and so in every user picker): the e-mail, and for a customer
 * read by an admin their balances per wallet, so an admin granting shoots sees what the
 * customer holds. Editors and everyone else get the e-mail alone.
 */
export const readPickerLabel: FieldHook<User> = async ({ siblingData, req }) => {
  const { id, email, role } = siblingData as Partial<User>
  if (!email) return undefined
  if (typeof id !== 'number' || role !== 'customer' || !hasRole(req.user, 'admin')) return email
  return `${email} — ${shortWallets(await walletsOf(req, id)) || 'no shoots'}`
}

const renameWhere = (where: Where | undefined): Where | undefined => {
  if (!where) return where
  return Object.fromEntries(
    Object.entries(where).map(([key, value]) => {
      if (key === 'and' || key === 'or') return [key, (value as Where[]).map(renameWhere)]
      return [key === PICKER_LABEL ? 'email' : key, value]
    }),
  ) as Where
}

const renameSort = (sort: Sort | undefined): Sort | undefined => {
  const rename = (key: string) => key.replace(/^(-?)pickerLabel$/, '$1email')
  if (typeof sort === 'string') return rename(sort)
  return Array.isArray(sort) ? sort.map(rename) : sort
}

/**
 * The title is not stored, so it cannot be searched or sorted: the admin's searches and sorts
 * on it (the relationship picker types into it) go to the e-mail instead, and selecting it
 * also selects what it is made from.
 */
export const pickerLabelQueries: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'read') return args
  const query = args as { where?: Where; sort?: Sort; select?: Record<string, unknown> }
  return {
    ...args,
    ...('where' in query && { where: renameWhere(query.where) }),
    ...('sort' in query && { sort: renameSort(query.sort) }),
    ...(query.select?.[PICKER_LABEL] ? { select: { ...query.select, email: true, role: true } } : {}),
  }
}
