import type { CollectionConfig } from 'payload'

import { activeOrStaff, isAdminOrOwner, studioScope } from '@/access'
import { assignStudio } from '@/hooks/assignStudio'
import { offerCardFields, priceFields } from '@/fields/price'
import { wholeNumberIn } from '@/fields/validators'
import { revalidateCatalog, revalidateCatalogAfterDelete } from '@/hooks/revalidateCatalog'

import { clearOtherDefaults } from './hooks/clearOtherDefaults'
import { syncTierToStripe } from './hooks/syncTierToStripe'

export const PackagePricingTiers: CollectionConfig = {
  slug: 'package-pricing-tiers',
  labels: { singular: 'Pricing tier', plural: 'Pricing tiers' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'package', 'shootsCount', 'priceCents', 'isDefault', 'isActive'],
    group: 'Catalog',
  },
  defaultSort: ['package', 'sortOrder'],
  access: {
    read: studioScope(activeOrStaff),
    create: isAdminOrOwner,
    update: studioScope(isAdminOrOwner),
    delete: studioScope(isAdminOrOwner),
  },
  indexes: [{ fields: ['package', 'isActive', 'sortOrder'] }],
  hooks: {
    // A tier belongs to its package's studio.
    beforeValidate: [
      assignStudio({ collection: 'photo-packages', id: (data: Record<string, unknown>) => data.package }),
    ],
    afterChange: [clearOtherDefaults, syncTierToStripe, revalidateCatalog],
    afterDelete: [revalidateCatalogAfterDelete],
  },
  fields: [
    {
      name: 'package',
      type: 'relationship',
      relationTo: 'photo-packages',
      required: true,
      index: true,
    },
    { name: 'name', type: 'text', required: true, minLength: 1, maxLength: 50 },
    {
      type: 'row',
      fields: [
        {
          name: 'shootsCount',
          type: 'number',
          required: true,
          validate: wholeNumberIn('Shoots', 1, 1000),
        },
        ...priceFields(),
      ],
    },
    ...offerCardFields(),
    {
      type: 'row',
      fields: [
        { name: 'sortOrder', type: 'number', defaultValue: 0 },
        {
          name: 'isActive',
          type: 'checkbox',
          defaultValue: true,
          admin: { components: { Cell: '/admin/components/FlagBadgeCell#FlagBadgeCell' } },
        },
        {
          name: 'isDefault',
          type: 'checkbox',
          defaultValue: false,
          admin: {
            description: 'At most one per package: setting it clears the others.',
            components: { Cell: '/admin/components/FlagBadgeCell#FlagBadgeCell' },
          },
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Stripe',
      admin: { initCollapsed: true, position: 'sidebar' },
      fields: [
        { name: 'stripeProductId', type: 'text', admin: { readOnly: true } },
        { name: 'stripePriceId', type: 'text', admin: { readOnly: true } },
      ],
    },
  ],
}
