import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@/lib/relationId'
import type { Generation } from '@/payload-types'

/**
 * A generation keeps the package and theme names it was made with: the studio may delete
 * the package or theme later (the relationship is then set null) and the customer's gallery
 * still says what the portraits were.
 */
export const copyCatalogNames: CollectionBeforeChangeHook<Generation> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const packageId = relationId(data.package)
  const themeId = relationId(data.theme)
  if (packageId !== undefined && !data.packageName) {
    const pkg = await req.payload.findByID({
      collection: 'photo-packages',
      id: packageId,
      depth: 0,
      select: { name: true },
      req,
      overrideAccess: true,
    })
    data.packageName = pkg.name
  }
  if (themeId !== undefined && !data.themeName) {
    const theme = await req.payload.findByID({
      collection: 'package-themes',
      id: themeId,
      depth: 0,
      select: { name: true },
      req,
      overrideAccess: true,
    })
    data.themeName = theme.name
  }
  return data
}
