import type { CollectionConfig, Config, Endpoint, Plugin } from 'payload'

import { CreditLedger } from '@/collections/CreditLedger'
import { Media } from '@/collections/Media'
import { PackagePricingTiers } from '@/collections/PackagePricingTiers'
import { PackageThemes } from '@/collections/PackageThemes'
import { PhotoPackages } from '@/collections/PhotoPackages'
import { Users } from '@/collections/Users'
import { catalogEndpoints } from '@/endpoints/catalog'

export interface PhotoPackagesOptions {
  /** Turn the domain off without removing it from the config (its collections stay for the schema). */
  disabled?: boolean
}

export const domainCollections: CollectionConfig[] = [
  Users,
  Media,
  PhotoPackages,
  PackageThemes,
  PackagePricingTiers,
  CreditLedger,
]

const domainEndpoints: Endpoint[] = [...catalogEndpoints]

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
    }
    if (options.disabled) return config
    return {
      ...config,
      endpoints: [...(incoming.endpoints ?? []), ...domainEndpoints],
    }
  }
