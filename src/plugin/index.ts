import type { CollectionConfig, Config, Endpoint, Plugin } from 'payload'

import { applyRetentionTask } from '@/account/tasks'
import { verifyAccountsFromBeforeVerification } from '@/account/verification'
import { listenForCatalogInvalidations, revalidatePagesWith } from '@/catalog/invalidate'
import { refreshThemeSeasonsTask } from '@/catalog/tasks'
import { refreshAnalyticsRollupsTask } from '@/analytics/tasks'
import { reconcileStripeTask } from '@/billing/tasks'
import { AnalyticsLikenessDays } from '@/collections/AnalyticsLikenessDays'
import { AnalyticsModelDays } from '@/collections/AnalyticsModelDays'
import { AnalyticsRollupRuns } from '@/collections/AnalyticsRollupRuns'
import { AnalyticsRollups } from '@/collections/AnalyticsRollups'
import { AnalyticsUserDays } from '@/collections/AnalyticsUserDays'
import { CreditAdjustments } from '@/collections/CreditAdjustments'
import { CreditLedger } from '@/collections/CreditLedger'
import { GenerationResults } from '@/collections/GenerationResults'
import { ImageModels } from '@/collections/ImageModels'
import { Generations } from '@/collections/Generations'
import { GenerationEvents } from '@/collections/GenerationEvents'
import { Media } from '@/collections/Media'
import { PackageAnalytics } from '@/collections/PackageAnalytics'
import { PackageBundles } from '@/collections/PackageBundles'
import { PackagePricingTiers } from '@/collections/PackagePricingTiers'
import { PackageThemes } from '@/collections/PackageThemes'
import { PhotoPackages } from '@/collections/PhotoPackages'
import { PhotoUploads } from '@/collections/PhotoUploads'
import { Purchases } from '@/collections/Purchases'
import { Studios } from '@/collections/Studios'
import { StripeEvents } from '@/collections/StripeEvents'
import { TestRenders } from '@/collections/TestRenders'
import { Users } from '@/collections/Users'
import { accountEndpoints } from '@/endpoints/account'
import { adminPackageEndpoints } from '@/endpoints/adminPackages'
import { analyticsEndpoints } from '@/endpoints/analytics'
import { billingEndpoints } from '@/endpoints/billing'
import { catalogEndpoints } from '@/endpoints/catalog'
import { generateEndpoint } from '@/endpoints/generations'
import { startFaceEngine } from '@/faces'
import { startModelCatalogue } from '@/generation/startModelCatalogue'
import { startProgressFanout } from '@/generation/progressFanout'
import { isPostgres } from '@/lib/drizzle'
import { settings } from '@/lib/settings'
import { ensureDefaultStudio } from '@/studios/defaultStudio'
import { sendEmailTask } from '@/email/tasks'
import { withLocalJsonEditor } from '@/fields/jsonEditor'
import { refuseDanglingRelationsEverywhere } from '@/hooks/refuseDanglingRelations'
import { withDeleteOnce } from '@/hooks/deleteOnce'
import { withFileReadNotFound, withNotFoundOutsideAccess } from '@/hooks/notFoundOutsideAccess'
import { withWhereRequired } from '@/hooks/whereRequired'
import { withLockCheckInTransaction } from '@/hooks/lockCheckInTransaction'
import { withForbiddenFieldsRefused } from '@/hooks/refuseForbiddenFields'
import { runWorkAfterCommit } from '@/lib/transactions'
import { revalidateTagNow } from '@/next/revalidateTag'
import { guardPostgresPool } from '@/ops/postgresPool'
import { keepClientErrorMessages } from './keepClientErrorMessages'
import { nameErrorsByClass } from './nameErrorsByClass'
import { refuseDatabaseInputErrors } from './refuseDatabaseInputErrors'

import { makeJobClaimsExclusive } from './jobClaims'
import { jobsConfig } from './jobs'
import { tenancy } from './tenancy'
import { probeImageModelsTask, pruneProgressEventsTask } from '@/generation/tasks'

export interface PhotoPackagesOptions {
  /** Keep only the collections (and so the schema): no endpoints, admin views or jobs. */
  disabled?: boolean
}

export const domainCollections: CollectionConfig[] = [
  Users,
  Studios,
  Media,
  ImageModels,
  PhotoPackages,
  PackageThemes,
  PackagePricingTiers,
  PackageBundles,
  PhotoUploads,
  Generations,
  GenerationEvents,
  GenerationResults,
  CreditLedger,
  CreditAdjustments,
  Purchases,
  StripeEvents,
  PackageAnalytics,
  AnalyticsRollups,
  AnalyticsUserDays,
  AnalyticsLikenessDays,
  AnalyticsModelDays,
  AnalyticsRollupRuns,
  TestRenders,
]

const domainEndpoints: Endpoint[] = [
  ...catalogEndpoints,
  generateEndpoint,
  ...billingEndpoints,
  ...analyticsEndpoints,
  ...adminPackageEndpoints,
  ...accountEndpoints,
]

/**
 * The Photo Packages domain as a Payload plugin: collections, endpoints, jobs and admin
 * components. payload.config.ts composes it with the database adapter, storage and email.
 */
export const photoPackages =
  (options: PhotoPackagesOptions = {}): Plugin =>
  (incoming: Config): Config => {
    // A catalog change (any hook, enabled or not) also clears Next's cached pages.
    revalidatePagesWith(revalidateTagNow)
    const tasks = [
      probeImageModelsTask,
      pruneProgressEventsTask,
      reconcileStripeTask,
      refreshAnalyticsRollupsTask,
      refreshThemeSeasonsTask,
      sendEmailTask,
      applyRetentionTask,
    ]
    // Studios as tenants (./tenancy.ts): last, over the collections as the maps below leave them.
    const tenanted: Config = tenancy({
      ...incoming,
      // Every collection: parallel deletes of one document take turns (404 after the first); a
      // client setting a field it may not set gets a 400 naming it (not a silent drop); an update or
      // delete of someone else's document is a 404, as its read is; a bulk one names its `where`
      // (the last map runs first).
      collections: [...(incoming.collections ?? []), ...domainCollections]
        .map(withLocalJsonEditor)
        .map(withLockCheckInTransaction)
        .map(withDeleteOnce)
        .map(withForbiddenFieldsRefused)
        .map(withWhereRequired)
        .map(withNotFoundOutsideAccess),
      admin: { ...incoming.admin, user: incoming.admin?.user ?? Users.slug },
      hooks: {
        ...incoming.hooks,
        afterError: [
          ...(incoming.hooks?.afterError ?? []),
          refuseDatabaseInputErrors,
          keepClientErrorMessages,
          nameErrorsByClass,
        ],
      },
    })
    // Then a file read outside the final read access (another studio's site's included) is a 404.
    const withCollections: Config = {
      ...tenanted,
      collections: tenanted.collections?.map(withFileReadNotFound),
    }
    // As Payload's plugin template does: disabled keeps the collections (so the schema and the
    // migrations stay the same; the task list shapes the jobs table, so it stays too, never run)
    // and adds no endpoints, admin views or nav links.
    if (options.disabled)
      return {
        ...withCollections,
        // The studio selector and its provider are admin components: none when disabled.
        admin: { ...withCollections.admin, components: incoming.admin?.components },
        jobs: { ...jobsConfig(incoming.jobs, tasks), autoRun: [] },
      }
    return {
      ...withCollections,
      admin: {
        ...withCollections.admin,
        components: {
          ...withCollections.admin?.components,
          // Staff tools: the analytics dashboard (admins), first in the nav and on the admin home.
          beforeNavLinks: [
            '/admin/analytics/AnalyticsNavLink#AnalyticsNavLink',
            ...(incoming.admin?.components?.beforeNavLinks ?? []),
          ],
          beforeDashboard: [
            // First: a model Google stopped serving stops shoots, so it tops the page.
            '/admin/components/ModelAlertBanner#ModelAlertBanner',
            '/admin/analytics/AnalyticsNavLink#AnalyticsDashboardCard',
            ...(incoming.admin?.components?.beforeDashboard ?? []),
          ],
          views: {
            ...incoming.admin?.components?.views,
            analytics: {
              Component: '/admin/analytics/AnalyticsView#AnalyticsView',
              path: '/analytics',
              exact: true,
              meta: { title: 'Analytics' },
            },
          },
        },
      },
      jobs: jobsConfig(incoming.jobs, tasks),
      endpoints: [...(incoming.endpoints ?? []), ...domainEndpoints],
      onInit: async (payload) => {
        // Before any job runs (the pollers start after onInit): one worker per claimed job.
        makeJobClaimsExclusive(payload)
        // A Postgres restart must not end the process (src/ops/postgresPool.ts).
        guardPostgresPool(payload)
        // Catalog purges wait for the commit of the edit that asked for them.
        runWorkAfterCommit(payload)
        // A client's write naming a document that does not exist is a 400 naming the field path.
        refuseDanglingRelationsEverywhere(payload)
        // The face models load in the background (about 0.5 s of CPU), so the first upload does not wait for them.
        if (!settings().isBuilding) startFaceEngine()
        await incoming.onInit?.(payload)
        // With REDIS_URL, an edit on any node clears this node's catalog cache too.
        await listenForCatalogInvalidations()
        // A node that serves progress streams follows the workers' progress events (one subscription).
        if (settings().role !== 'worker' && !settings().isBuilding) startProgressFanout(payload)
        // The pushed SQLite demo file has no migrations: accounts from before verification are verified here.
        if (!isPostgres(payload) && !settings().isBuilding) {
          await verifyAccountsFromBeforeVerification(payload)
          // Nor a `studios` migration: a default studio owns the rows and editors from before studios.
          await ensureDefaultStudio(payload)
        }
        // The image model catalogue: seed rows it lacks, read it, probe the models in use (not awaited).
        await startModelCatalogue(payload)
      },
    }
  }
