import type { CollectionAfterChangeHook } from 'payload'

import { isSelfSignUp, isUnverified, markVerified, sendVerificationLink } from '@/account/verification'
import { welcomeCustomer } from '@/account/welcome'
import type { User } from '@/payload-types'

/**
 * A new account, in its creation's transaction:
 * - a customer's self sign-up (anonymous REST) stays unverified and is mailed the link that
 *   confirms its address; its trial shoots and welcome come with the confirmation (verifyAccount);
 * - any other account (staff in the admin, our own code, the very first account, which becomes the
 *   admin) is verified now, and a customer gets the trial shoots and the welcome e-mail now.
 * An admin ticking "verified" on a waiting customer starts the account the same way. The trial
 * grant happens once per account whichever path runs (welcomeCustomer's ledger key).
 */
export const startNewAccount: CollectionAfterChangeHook<User> = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (operation === 'update') {
    if (isUnverified(previousDoc) && doc._verified === true && doc.role === 'customer') {
      const balance = await welcomeCustomer(req, doc)
      return balance === null ? doc : { ...doc, shootCredits: balance }
    }
    return doc
  }
  if (operation !== 'create') return doc
  if (isSelfSignUp(req) && doc.role === 'customer') {
    await sendVerificationLink(req, doc.id)
    return doc
  }
  await markVerified(req, doc.id)
  if (doc.role !== 'customer') return { ...doc, _verified: true }
  const balance = await welcomeCustomer(req, doc)
  return { ...doc, _verified: true, shootCredits: balance ?? doc.shootCredits }
}
