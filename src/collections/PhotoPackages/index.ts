import type { CollectionConfig } from 'payload'

import {
  activeOrStaff,
  isAdminOrEditor,
  isAdminOrOwner,
  isAdminOrOwnerField,
  staffOnlyField,
  studioScope,
} from '@/access'
import { assignStudio } from '@/hooks/assignStudio'
import { uniqueSlugPerStudio } from '@/hooks/uniqueSlugPerStudio'
import { packageListFields } from './fields/listColumns'
import { slugField } from '@/fields/slug'
import { templateTextField } from '@/fields/templateText'
import { wholeNumberIn } from '@/fields/validators'
import { refuseDeleteWhileShooting } from '@/hooks/refuseDeleteWhileShooting'
import { revalidateCatalog, revalidateCatalogAfterDelete } from '@/hooks/revalidateCatalog'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { defaultPromptTemplate } from './hooks/defaultPromptTemplate'
import { generationInstructionsField } from './fields/generationInstructions'
import { likenessSettingsField } from './fields/likenessSettings'
import { shootSettingsField } from './fields/shootSettings'
import { deleteThemesAndTiers } from './hooks/deleteThemesAndTiers'
import { refuseDeleteWhileBundled } from './hooks/refuseDeleteWhileBundled'
import { CATEGORY_LABELS, PACKAGE_CATEGORIES } from '@/catalog/vocabulary'
import { settings } from '@/lib/settings'

export const PhotoPackages: CollectionConfig = {
  slug: 'photo-packages',
  labels: { singular: 'Package', plural: 'Packages' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: [
      'name',
      'category',
      'catalogStatus',
      'isActive',
      'isFeatured',
      'themeCount',
      'tierCount',
      'generations30d',
      'revenue30dCents',
    ],
    group: 'Catalog',
    // Admins' quick actions: activate, feature, duplicate with themes and tiers.
    components: {
      edit: { beforeDocumentControls: ['/admin/components/PackageQuickActions#PackageQuickActions'] },
    },
    // Editors see the public view update as they type; the route is staff-only.
    livePreview: { url: ({ data }) => `${settings().serverUrl ?? ''}/preview/packages/${data?.id ?? ''}` },
  },
  // Payload's built-in Duplicate would copy the package alone (and its unique slug); the quick
  // action's Duplicate copies it with every theme and tier, inactive, under a free slug.
  disableDuplicate: true,
  defaultSort: 'sortOrder',
  access: {
    read: studioScope(activeOrStaff),
    create: isAdminOrEditor,
    update: studioScope(isAdminOrEditor),
    delete: studioScope(isAdminOrOwner),
  },
  indexes: [
    { fields: ['isActive', 'isFeatured', 'sortOrder'] },
    { fields: ['studio', 'slug'], unique: true },
  ],
  hooks: {
    beforeValidate: [assignStudio()],
    beforeChange: [uniqueSlugPerStudio],
    beforeDelete: [
      refuseDeleteWhileBundled,
      refuseDeleteWhileShooting('package', 'package'),
      deleteThemesAndTiers,
    ],
    afterChange: [revalidateCatalog],
    afterDelete: [revalidateCatalogAfterDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, minLength: 1, maxLength: 100 },
    slugField(),
    { name: 'description', type: 'textarea', maxLength: 500 },
    {
      name: 'category',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'wedding',
      options: PACKAGE_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
    },
    {
      name: 'imagesPerGeneration',
      type: 'number',
      required: true,
      defaultValue: 3,
      min: 1,
      max: 5,
      validate: wholeNumberIn('Images per generation', 1, 5),
    },
    { name: 'coverImage', type: 'upload', relationTo: 'media' },
    {
      type: 'row',
      fields: [
        // Publishing is the admins' and owners' call, in the form as in the list's quick actions: editors' values are dropped.
        {
          name: 'isActive',
          type: 'checkbox',
          // A new package starts hidden: it goes live once staff switch it on (with a theme and a tier).
          defaultValue: false,
          index: true,
          access: { create: isAdminOrOwnerField, update: isAdminOrOwnerField },
          admin: {
            components: {
              Cell: '/admin/components/PackageFlagCell#PackageFlagCell',
              // Switching off a live package asks first.
              Field: '/admin/components/ActiveCheckboxField#ActiveCheckboxField',
            },
            description: 'Customers see it only with a theme in season and a tier on sale too.',
          },
        },
        {
          name: 'isFeatured',
          type: 'checkbox',
          defaultValue: false,
          access: { create: isAdminOrOwnerField, update: isAdminOrOwnerField },
          admin: { components: { Cell: '/admin/components/PackageFlagCell#PackageFlagCell' } },
        },
        { name: 'sortOrder', type: 'number', defaultValue: 0 },
      ],
    },
    {
      type: 'collapsible',
      label: 'Prompt (studio only)',
      fields: [
        templateTextField({
          name: 'basePromptTemplate',
          required: true,
          minLength: 50,
          maxLength: 2000,
          defaultValue: DEFAULT_BASE_PROMPT_TEMPLATE,
          access: { read: staffOnlyField },
          hooks: { beforeValidate: [defaultPromptTemplate] },
          admin: {
            description:
              'Variables: {portraitType} {theme} {themeDescription} {clothingDescription} {atmosphereDescription} {technicalSpecs} {customPrompt} {familyMemberCount} {imageCount} {packageName}',
          },
        }),
        generationInstructionsField,
      ],
    },
    {
      type: 'collapsible',
      label: 'Settings',
      admin: { initCollapsed: true },
      fields: [shootSettingsField, likenessSettingsField, { name: 'metadata', type: 'json' }],
    },
    {
      name: 'themes',
      type: 'join',
      collection: 'package-themes',
      on: 'package',
      defaultSort: 'sortOrder',
      // Every row is this package: no "package" column (it showed "<No Package>").
      admin: {
        allowCreate: true,
        defaultColumns: ['name', 'isActive', 'isPremium', 'inSeason', 'sortOrder'],
      },
    },
    {
      name: 'pricingTiers',
      type: 'join',
      collection: 'package-pricing-tiers',
      on: 'package',
      defaultSort: 'sortOrder',
      admin: { defaultColumns: ['name', 'shootsCount', 'priceCents', 'isDefault', 'isActive', 'sortOrder'] },
    },
    // List columns (not stored): themes, tiers, generations and revenue of the last 30 days.
    ...packageListFields,
  ],
}
