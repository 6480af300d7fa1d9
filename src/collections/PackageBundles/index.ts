import type { ArrayField, CollectionConfig } from 'payload'

import { activeOrStaff, isAdminOrOwner, studioScope } from '@/access'
import { assignStudio } from '@/hooks/assignStudio'
import { uniqueSlugPerStudio } from '@/hooks/uniqueSlugPerStudio'
import { slugField } from '@/fields/slug'
import { offerCardFields, priceFields } from '@/fields/price'
import { wholeNumberIn } from '@/fields/validators'
import { revalidateCatalog, revalidateCatalogAfterDelete } from '@/hooks/revalidateCatalog'
import { relationId } from '@/lib/relationId'

import { bundleValueSummary } from './hooks/bundleValueSummary'

export const BUNDLE_MAX_PACKAGES = 6

/** 2+ distinct packages, each with the shoots the bundle grants for it. */
const itemsField: ArrayField = {
  name: 'items',
  type: 'array',
  label: 'Packages in the bundle',
  labels: { singular: 'Package', plural: 'Packages' },
  required: true,
  minRows: 2,
  maxRows: BUNDLE_MAX_PACKAGES,
  validate: (value: unknown) => {
    const rows = Array.isArray(value) ? (value as Array<{ package?: unknown }>) : []
    if (rows.length < 2) return 'A bundle holds at least 2 packages.'
    if (rows.length > BUNDLE_MAX_PACKAGES) return `A bundle holds at most ${BUNDLE_MAX_PACKAGES} packages.`
    const ids = rows
      .map((row) => row?.package)
      .filter((value) => value !== null && value !== undefined && value !== '')
      .map((value) => String(relationId(value as number | { id: number })))
    return new Set(ids).size === ids.length ? true : 'Each package may appear only once in a bundle.'
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'package', type: 'relationship', relationTo: 'photo-packages', required: true },
        {
          name: 'shoots',
          type: 'number',
          required: true,
          admin: { description: 'Shoots granted for this package.' },
          validate: wholeNumberIn('Shoots', 1, 1000),
        },
      ],
    },
  ],
}

/**
 * Several packages sold together for one price. Checkout sells a bundle like a tier; the
 * webhook grants each package's shoots as its own ledger row (see src/billing/fulfilment.ts).
 */
export const PackageBundles: CollectionConfig = {
  slug: 'package-bundles',
  labels: { singular: 'Bundle', plural: 'Bundles' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'priceCents', 'isActive', 'sortOrder'],
    group: 'Catalog',
    description: 'Two or more packages sold together for one price, each with its own shoots.',
  },
  defaultSort: 'sortOrder',
  access: {
    read: studioScope(activeOrStaff),
    create: isAdminOrOwner,
    update: studioScope(isAdminOrOwner),
    delete: studioScope(isAdminOrOwner),
  },
  indexes: [{ fields: ['studio', 'slug'], unique: true }],
  hooks: {
    // A bundle belongs to its packages' studio (the first one's; the others must share it).
    beforeValidate: [
      assignStudio({
        collection: 'photo-packages',
        id: (data) =>
          Array.isArray(data.items) ? (data.items[0] as { package?: unknown })?.package : undefined,
      }),
    ],
    beforeChange: [uniqueSlugPerStudio],
    afterChange: [revalidateCatalog],
    afterDelete: [revalidateCatalogAfterDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, minLength: 1, maxLength: 100 },
    slugField(),
    { name: 'description', type: 'textarea', maxLength: 500 },
    itemsField,
    // No typed was-price: the saving is computed from the tiers the bundle replaces (bundleValue).
    {
      type: 'row',
      fields: priceFields('The bundle price in dollars and cents, e.g. 15.99.').filter(
        (field) => field.name === 'priceCents',
      ),
    },
    ...offerCardFields({ badgeMayClaimSaving: false }),
    {
      name: 'value',
      label: 'Value against the tiers',
      type: 'textarea',
      virtual: true,
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: "Computed on save from the packages' active tiers.",
      },
      hooks: { afterRead: [bundleValueSummary] },
    },
    {
      type: 'row',
      fields: [
        { name: 'sortOrder', type: 'number', defaultValue: 0 },
        {
          name: 'isActive',
          type: 'checkbox',
          defaultValue: true,
          admin: { description: 'Shown and sold only while every package in it is active too.' },
        },
      ],
    },
  ],
}
