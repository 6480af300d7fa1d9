import type { CollectionConfig, Config, Endpoint, Plugin } from 'payload'

import { reconcileStripeTask } from '@/billing/tasks'
import { CreditAdjustments } from '@/collections/CreditAdjustments'
import { CreditLedger } from '@/collections/CreditLedger'
import { GenerationResults } from '@/collections/GenerationResults'
import { Generations } from '@/collections/Generations'
import { Media } from '@/collections/Media'
import { PackageAnalytics } from '@/collections/PackageAnalytics'
import { PackagePricingTiers } from '@/collections/PackagePricingTiers'
import { PackageThemes } from '@/collections/PackageThemes'
import { PhotoPackages } from '@/collections/PhotoPackages'
import { PhotoUploads } from '@/collections/PhotoUploads'
import { Purchases } from '@/collections/Purchases'
import { StripeEvents } from '@/collections/StripeEvents'
import { Users } from '@/collections/Users'
import { billingEndpoints } from '@/endpoints/billing'
import { catalogEndpoints } from '@/endpoints/catalog'
import { generateEndpoint } from '@/endpoints/generations'

import { jobsConfig } from './jobs'

export interface PhotoPackagesOptions {
  /** Keep the collections (and so the schema) but serve no endpoints and run no jobs. */
  disabled?: boolean
}

export const domainCollections: CollectionConfig[] = [
  Users,
  Media,
  PhotoPackages,
  PackageThemes,
  PackagePricingTiers,
  PhotoUploads,
  Generations,
  GenerationResults,
  CreditLedger,
  CreditAdjustments,
  Purchases,
  StripeEvents,
  PackageAnalytics,
]

const domainEndpoints: Endpoint[] = [...catalogEndpoints, generateEndpoint, ...billingEndpoints]

/**
 * The Photo Packages domain as a Payload plugin: collections, endpoints, jobs and admin
 * components. payload.config.ts composes it with the database adapter, storage and email.
 */
export const photoPackages =
  (options: PhotoPackagesOptions = {}): Plugin =>
  (incoming: Config): Config => {
    const config: Config = {
      ...incoming,
      collections: [...(incoming.collections ?? []), ...domainCollections],
      admin: { ...incoming.admin, user: incoming.admin?.user ?? Users.slug },
      jobs: jobsConfig(incoming.jobs, [reconcileStripeTask]),
    }
    if (options.disabled) return { ...config, jobs: { ...config.jobs, autoRun: [] } }
    return { ...config, endpoints: [...(incoming.endpoints ?? []), ...domainEndpoints] }
  }
