import type { CollectionConfig } from 'payload'

import { activeOrStaff, isAdminOrEditor, staffOnlyField, studioScope } from '@/access'
import { assignStudio } from '@/hooks/assignStudio'
import { setInSeason } from './hooks/setInSeason'
import { METRIC_DEFINITIONS } from '@/analytics/kpis'
import { monthDayProblem } from '@/catalog/season'
import { templateTextField } from '@/fields/templateText'
import { themePromptProblem } from '@/prompt'
import { refuseDeleteWhileShooting } from '@/hooks/refuseDeleteWhileShooting'
import { revalidateCatalog, revalidateCatalogAfterDelete } from '@/hooks/revalidateCatalog'
import { settings } from '@/lib/settings'

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

/** Both season ends are required when the theme is seasonal: the seed's `valid_season` rule. */
const seasonBoundary =
  (label: string) =>
  (value: null | string | undefined, { siblingData }: { siblingData: Record<string, unknown> }) => {
    if (!siblingData?.isSeasonal) return true
    if (!value) return `${label} is required for a seasonal theme (MM-DD).`
    const problem = monthDayProblem(value)
    return problem ? `${label} ${problem}.` : true
  }

export const PackageThemes: CollectionConfig = {
  slug: 'package-themes',
  labels: { singular: 'Theme', plural: 'Themes' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'package', 'isActive', 'isPremium', 'inSeason', 'popularityScore'],
    group: 'Catalog',
    // Editors see the public view update as they type; the route is staff-only.
    livePreview: { url: ({ data }) => `${settings().serverUrl ?? ''}/preview/themes/${data?.id ?? ''}` },
  },
  // Grouped by package, then in the package's own order.
  defaultSort: ['package', 'sortOrder'],
  access: {
    read: studioScope(activeOrStaff),
    create: isAdminOrEditor,
    update: studioScope(isAdminOrEditor),
    delete: studioScope(isAdminOrEditor),
  },
  indexes: [{ fields: ['package', 'isActive', 'sortOrder'] }],
  hooks: {
    // A theme belongs to its package's studio.
    beforeValidate: [
      assignStudio({ collection: 'photo-packages', id: (data: Record<string, unknown>) => data.package }),
    ],
    beforeChange: [setInSeason],
    afterChange: [revalidateCatalog],
    beforeDelete: [refuseDeleteWhileShooting('theme', 'theme')],
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
    { name: 'name', type: 'text', required: true, minLength: 1, maxLength: 100 },
    { name: 'description', type: 'textarea', maxLength: 1000 },
    { name: 'previewImage', type: 'upload', relationTo: 'media' },
    {
      type: 'collapsible',
      label: 'Prompts (studio only)',
      fields: [
        templateTextField({
          check: themePromptProblem,
          name: 'settingPrompt',
          required: true,
          minLength: 10,
          maxLength: 1000,
          access: { read: staffOnlyField },
        }),
        templateTextField({
          check: themePromptProblem,
          name: 'clothingPrompt',
          maxLength: 500,
          access: { read: staffOnlyField },
        }),
        templateTextField({
          check: themePromptProblem,
          name: 'atmospherePrompt',
          maxLength: 500,
          access: { read: staffOnlyField },
        }),
        templateTextField({
          check: themePromptProblem,
          name: 'technicalPrompt',
          maxLength: 1000,
          access: { read: staffOnlyField },
        }),
        {
          name: 'styleModifiers',
          type: 'text',
          hasMany: true,
          maxRows: 20,
          maxLength: 100,
          access: { read: staffOnlyField },
        },
      ],
    },
    {
      name: 'colorPalette',
      type: 'text',
      hasMany: true,
      maxRows: 8,
      admin: { description: 'Colours as #rrggbb.' },
      validate: (value: null | string[] | undefined) => {
        const bad = (value ?? []).find((colour) => !HEX_COLOUR.test(colour))
        return bad === undefined ? true : `"${bad}" is not a colour: use #rrggbb, for example #f5e6d3.`
      },
    },
    { name: 'inspirationReferences', type: 'text', hasMany: true, maxRows: 10, maxLength: 200 },
    {
      type: 'row',
      fields: [
        {
          name: 'isActive',
          type: 'checkbox',
          defaultValue: true,
          admin: { components: { Cell: '/admin/components/FlagBadgeCell#FlagBadgeCell' } },
        },
        {
          name: 'isPremium',
          type: 'checkbox',
          defaultValue: false,
          admin: { components: { Cell: '/admin/components/FlagBadgeCell#FlagBadgeCell' } },
        },
        { name: 'isSeasonal', type: 'checkbox', defaultValue: false },
      ],
    },
    {
      type: 'row',
      admin: { condition: (_, sibling) => Boolean(sibling?.isSeasonal) },
      fields: [
        {
          name: 'seasonStart',
          type: 'text',
          admin: { placeholder: '12-01', description: 'MM-DD, every year' },
          validate: seasonBoundary('Season start'),
        },
        {
          name: 'seasonEnd',
          type: 'text',
          admin: { placeholder: '01-06', description: 'MM-DD; may wrap the new year' },
          validate: seasonBoundary('Season end'),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'sortOrder', type: 'number', defaultValue: 0 },
        {
          name: 'popularityScore',
          type: 'number',
          defaultValue: 0,
          min: 0,
          admin: { readOnly: true, description: METRIC_DEFINITIONS.popularity },
        },
      ],
    },
    {
      name: 'inSeason',
      type: 'checkbox',
      defaultValue: true,
      index: true,
      label: 'Season',
      admin: {
        readOnly: true,
        position: 'sidebar',
        description:
          'In season today (UTC). Kept current by the hourly season job; the catalog never shows a theme out of season.',
        components: { Cell: '/admin/components/SeasonCell#SeasonCell' },
      },
    },
    {
      // Editors and admins: the built prompts with sample inputs, and test renders.
      name: 'promptLab',
      type: 'ui',
      admin: { components: { Field: '/admin/components/PromptLab#PromptLab' } },
    },
  ],
}
