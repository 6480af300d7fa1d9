import type { Field } from 'payload'

import { isAdminField, staffOnlyField } from '@/access'

import { catalogStatus, fillFromPackageStats } from '@/analytics/packageListStats'
import { PACKAGE_LIST_COLUMNS, type PackageListColumn } from '@/catalog/vocabulary'

const listOnly = {
  readOnly: true,
  disableListFilter: true,
  disableBulkEdit: true,
  disableGroupBy: true,
  hidden: false,
}

/**
 * Columns for the packages list, computed (not stored) from three grouped queries per request:
 * theme and tier counts, and the last 30 days of analytics rollups. Hidden from the edit form.
 */
const columns: { [Name in PackageListColumn]: Field & { name: Name } } = {
  themeCount: {
    name: 'themeCount',
    label: 'Themes',
    type: 'text',
    virtual: true,
    access: { read: staffOnlyField },
    admin: { ...listOnly, condition: () => false },
    hooks: {
      afterRead: [
        fillFromPackageStats(({ themes }) => {
          const out = themes.active - themes.inSeason
          return `${themes.active} of ${themes.total} active${out ? `, ${out} out of season` : ''}`
        }),
      ],
    },
  },
  tierCount: {
    name: 'tierCount',
    label: 'Tiers',
    type: 'text',
    virtual: true,
    access: { read: staffOnlyField },
    admin: { ...listOnly, condition: () => false },
    hooks: { afterRead: [fillFromPackageStats(({ tiers }) => `${tiers.active} of ${tiers.total} active`)] },
  },
  catalogStatus: {
    name: 'catalogStatus',
    label: 'On the site',
    type: 'text',
    virtual: true,
    access: { read: staffOnlyField },
    admin: {
      ...listOnly,
      position: 'sidebar',
      description:
        'Customers see a package only while it is active, has a theme in season and a tier on sale.',
      components: { Cell: '/admin/components/StatusBadgeCell#StatusBadgeCell' },
    },
    hooks: { afterRead: [fillFromPackageStats((stats, doc) => catalogStatus(doc, stats))] },
  },
  generations30d: {
    name: 'generations30d',
    label: 'Generations (30 d)',
    type: 'number',
    virtual: true,
    access: { read: staffOnlyField },
    admin: { ...listOnly, condition: () => false },
    hooks: { afterRead: [fillFromPackageStats(({ generations30d }) => generations30d)] },
  },
  revenue30dCents: {
    name: 'revenue30dCents',
    label: 'Revenue (30 d)',
    type: 'number',
    virtual: true,
    access: { read: isAdminField },
    admin: {
      ...listOnly,
      condition: () => false,
      components: { Cell: '/admin/components/MoneyCell#MoneyCell' },
    },
    hooks: { afterRead: [fillFromPackageStats(({ revenue30dCents }) => revenue30dCents, 'admin')] },
  },
}

/** The columns in PACKAGE_LIST_COLUMNS's order (the catalog names them, so a package copy can skip them). */
export const packageListFields: Field[] = PACKAGE_LIST_COLUMNS.map((name) => columns[name])
