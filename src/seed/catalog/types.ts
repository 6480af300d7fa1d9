import type { PackagePricingTier, PackageTheme, PhotoPackage } from '@/payload-types'

type Writable<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt' | 'package'>

/** Seed rows are plain documents of the generated types, without ids or relations. */
export type SeedTheme = Pick<
  Writable<PackageTheme>,
  | 'name'
  | 'description'
  | 'settingPrompt'
  | 'clothingPrompt'
  | 'atmospherePrompt'
  | 'technicalPrompt'
  | 'styleModifiers'
  | 'colorPalette'
  | 'inspirationReferences'
  | 'isPremium'
  | 'isSeasonal'
  | 'seasonStart'
  | 'seasonEnd'
  | 'sortOrder'
  | 'popularityScore'
> & { isActive?: boolean }

export type SeedTier = Pick<
  Writable<PackagePricingTier>,
  | 'name'
  | 'shootsCount'
  | 'priceCents'
  | 'originalPriceCents'
  | 'badge'
  | 'features'
  | 'isDefault'
  | 'sortOrder'
  | 'isActive'
>

export type SeedPackage = Pick<
  Writable<PhotoPackage>,
  | 'name'
  | 'slug'
  | 'description'
  | 'category'
  | 'imagesPerGeneration'
  | 'isActive'
  | 'isFeatured'
  | 'sortOrder'
> &
  Partial<Pick<PhotoPackage, 'basePromptTemplate' | 'generationInstructions' | 'settings'>> & {
    slug: string
    themes: SeedTheme[]
    tiers: SeedTier[]
  }

/** Shorthand for a theme row: the fields every theme has, plus its flags. */
export const theme = (
  sortOrder: number,
  fields: Omit<SeedTheme, 'sortOrder' | 'isPremium' | 'isSeasonal' | 'popularityScore'> &
    Partial<Pick<SeedTheme, 'isPremium' | 'isSeasonal' | 'popularityScore'>>,
): SeedTheme => ({
  isPremium: false,
  isSeasonal: false,
  popularityScore: 0,
  ...fields,
  sortOrder,
})
