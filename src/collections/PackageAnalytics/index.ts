import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminOrOwner, nobody, studioScope } from '@/access'

/** One row per finished generation: the seed's analytics fields plus latency and cost. */
export const PackageAnalytics: CollectionConfig = {
  slug: 'package-analytics',
  labels: { singular: 'Analytics row', plural: 'Package analytics' },
  admin: {
    group: 'Analytics',
    defaultColumns: ['package', 'theme', 'imagesGenerated', 'successRate', 'processingTimeMs', 'createdAt'],
  },
  // A studio's owner reads its own studios' figures (issue 24).
  access: { read: studioScope(isAdminOrOwner), create: nobody, update: nobody, delete: isAdmin },
  indexes: [{ fields: ['package', 'createdAt'] }, { fields: ['theme', 'createdAt'] }],
  fields: [
    // Not required: a customer deleting a generation keeps the studio's figures (set null).
    { name: 'generation', type: 'relationship', relationTo: 'generations', unique: true },
    { name: 'package', type: 'relationship', relationTo: 'photo-packages', index: true },
    // The package's studio when the shoot finished: kept when the package is deleted (issue 24).
    { name: 'studio', type: 'relationship', relationTo: 'studios', index: true },
    { name: 'theme', type: 'relationship', relationTo: 'package-themes', index: true },
    { name: 'user', type: 'relationship', relationTo: 'users', index: true },
    { name: 'status', type: 'text' },
    { name: 'imagesRequested', type: 'number' },
    { name: 'imagesGenerated', type: 'number' },
    { name: 'successRate', type: 'number', min: 0, max: 1 },
    { name: 'processingTimeMs', type: 'number' },
    {
      name: 'providerLatencyMs',
      type: 'number',
      admin: { description: 'Mean provider time per delivered image.' },
    },
    { name: 'estimatedCostCents', type: 'number' },
    { name: 'shootsCharged', type: 'number' },
    { name: 'provider', type: 'text' },
    { name: 'model', type: 'text', index: true, admin: { description: 'The image model that made it.' } },
    {
      name: 'likenessChecked',
      type: 'number',
      admin: { description: 'Portraits whose likeness was checked (delivered or refunded).' },
    },
    {
      name: 'likenessAverage',
      type: 'number',
      min: 0,
      max: 1,
      admin: { description: 'Mean likeness score (0-1) of the delivered, checked portraits.' },
    },
    { name: 'likenessFailed', type: 'number', admin: { description: 'Portraits refunded for likeness.' } },
    { name: 'likenessRetries', type: 'number', admin: { description: 'Free retries for likeness.' } },
    { name: 'rating', type: 'number', min: 1, max: 5 },
  ],
}
