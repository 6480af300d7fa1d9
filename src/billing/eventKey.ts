/**
 * The `stripe-events` dedup key: the event id, or `<account>/<event id>` for an event a connected
 * account sent (Stripe Connect: the event's top-level `account`). Event ids are Stripe's per
 * account, so the same id from two accounts is two events, each processed once. Pure.
 */
export const stripeEventKey = (eventId: string, account?: null | string): string =>
  account ? `${account}/${eventId}` : eventId
