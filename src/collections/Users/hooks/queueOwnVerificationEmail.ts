import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Payload's create would send its own verification e-mail at once, outside the outbox, with a
 * link into the admin panel. Ours is queued in the account's transaction instead, with a link to
 * the site's /verify page (hooks/startNewAccount.ts → sendVerificationLink).
 */
export const queueOwnVerificationEmail: CollectionBeforeOperationHook = ({ args, operation }) =>
  operation === 'create' ? { ...args, disableVerificationEmail: true } : args
