import { multiTenantPlugin } from '@payloadcms/plugin-multi-tenant'
import type { CollectionConfig, Config } from 'payload'

import { hasRole } from '@/access'
import { siteScope } from '@/studios/siteScope'
import {
  STUDIO_CATALOG_COLLECTIONS,
  STUDIO_FIELD,
  STUDIO_OWNED_COLLECTIONS,
  STUDIO_RECORD_COLLECTIONS,
} from '@/studios/studioOwned'

const PLUGIN_PROVIDER = '@payloadcms/plugin-multi-tenant/rsc#TenantSelectionProvider'
const OUR_PROVIDER = '/admin/components/StudioSelectionProvider#StudioSelectionProvider'

/** Our own access on a studio-owned collection (studioScope): the plugin's refuses customers. */
const ownAccess = { useTenantAccess: false } as const
/** The studio's books declare their own server-owned `studio` (the plugin's would be a client's to pick). */
const serverSet = { useTenantAccess: false, customTenantField: true } as const

const isRecord = (slug: string) => (STUDIO_RECORD_COLLECTIONS as readonly string[]).includes(slug)

/**
 * Studios as tenants (issue 24) with @payloadcms/plugin-multi-tenant: a `studio` field on each
 * studio-owned collection, the `tenants` rows on users, and the admin's studio selector (platform
 * admins switch between studios; staff of one studio see theirs). Access stays ours:
 * - on the studio-owned collections, studioScope narrows owners and editors to their studios (the
 *   plugin's own access would refuse every customer, who has no `tenants`, and is off);
 * - on users, the plugin would narrow every account to itself and its studios' staff: users keep
 *   the access they had (customers are scoped to a studio in a later piece);
 * - on studios, src/access/studios.ts.
 * The studio's books (STUDIO_RECORD_COLLECTIONS) declare their `studio` themselves, server-owned and
 * set before change (src/hooks/studioBeforeChange.ts), and lose the plugin's membership check: their
 * server's writes name the customer's studio with the customer's req (a checkout's purchase, a
 * shoot's ledger rows), and a customer works in no studio, so the plugin would refuse them.
 * A studio is suspended, never deleted, so nothing is cleaned up after a delete.
 */
export const tenancy = (incoming: Config): Config => {
  // The plugin edits collections in place: give it copies, so the imported configs stay as they are.
  const collections = (incoming.collections ?? []).map((collection): CollectionConfig => ({
    ...collection,
    access: { ...collection.access },
    admin: { ...collection.admin },
    hooks: { ...collection.hooks, beforeValidate: [...(collection.hooks?.beforeValidate ?? [])] },
    fields: [...collection.fields],
  }))
  const ownBeforeValidate = new Map(
    collections.map((collection) => [collection.slug, [...(collection.hooks?.beforeValidate ?? [])]]),
  )
  const usersAccess = { ...collections.find((collection) => collection.slug === 'users')?.access }
  // The plugin is synchronous in 3.90.1 (its type allows a promise, as every plugin's does).
  const config = multiTenantPlugin({
    tenantsSlug: 'studios',
    // A column in the lists (the plugin hides it): a platform admin's lists hold every studio's rows.
    tenantField: { name: STUDIO_FIELD, admin: { disableListColumn: false } },
    cleanupAfterTenantDelete: false,
    userHasAccessToAllTenants: (user) => hasRole(user as { role?: unknown }, 'admin'),
    useTenantsCollectionAccess: false,
    // The users list keeps showing customers (they have no studio yet) while a studio is selected.
    useUsersTenantFilter: false,
    collections: Object.fromEntries([
      ...STUDIO_CATALOG_COLLECTIONS.map((slug) => [slug, ownAccess]),
      // Not the ledger: the plugin limits a row's relations to its own studio's documents, and a
      // ledger row is the customer's studio's while its wallet is the package bought, which may be
      // another studio's (a token used on another studio's site): the paid sale's grant was refused.
      ...STUDIO_RECORD_COLLECTIONS.filter((slug) => slug !== 'credit-ledger').map((slug) => [
        slug,
        serverSet,
      ]),
    ]),
    i18n: {
      translations: { en: { 'nav-tenantSelector-label': 'Studio', 'field-assignedTenant-label': 'Studio' } },
    },
  })({
    ...incoming,
    collections,
    admin: {
      ...incoming.admin,
      components: {
        ...incoming.admin?.components,
        actions: [...(incoming.admin?.components?.actions ?? [])],
        beforeNav: [...(incoming.admin?.components?.beforeNav ?? [])],
        providers: [...(incoming.admin?.components?.providers ?? [])],
      },
    },
    i18n: { ...incoming.i18n, translations: { ...incoming.i18n?.translations } },
  }) as Config
  // The plugin's provider, for signed-in staff only (see StudioSelectionProvider).
  for (const provider of config.admin?.components?.providers ?? [])
    if (typeof provider === 'object' && provider.path === PLUGIN_PROVIDER) provider.path = OUR_PROVIDER
  const users = config.collections?.find((collection) => collection.slug === 'users')
  if (users) users.access = usersAccess
  for (const collection of config.collections ?? [])
    if ((STUDIO_OWNED_COLLECTIONS as readonly string[]).includes(collection.slug)) {
      if (isRecord(collection.slug))
        collection.hooks = { ...collection.hooks, beforeValidate: ownBeforeValidate.get(collection.slug) }
      // Customers and visitors read the catalog of the site they are on (siteScope).
      else collection.access = { ...collection.access, read: siteScope(collection.access?.read) }
      // A platform admin with no studio picked sees every studio's rows: the list says whose each is.
      const columns = collection.admin?.defaultColumns
      if (columns && !columns.includes(STUDIO_FIELD))
        collection.admin = {
          ...collection.admin,
          defaultColumns: [columns[0], STUDIO_FIELD, ...columns.slice(1)],
        }
    }
  return config
}
