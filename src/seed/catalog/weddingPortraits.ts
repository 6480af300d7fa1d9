import type { SeedPackage } from './types'
import { weddingThemesA } from './weddingThemesA'
import { weddingThemesB } from './weddingThemesB'

/** The legacy wedding studio, migrated: 12 themes and the seed's three tiers, exactly. */
export const weddingPortraits: SeedPackage = {
  name: 'Wedding Portraits',
  slug: 'wedding-portraits',
  description:
    'Timeless wedding portraits in hand-crafted settings, from English rose gardens to a royal palace. Three images per shoot.',
  category: 'wedding',
  imagesPerGeneration: 3,
  isActive: true,
  isFeatured: true,
  sortOrder: 1,
  // Every field of the group, so a second seed run finds nothing to change.
  settings: {
    premiumShootCost: 2,
    highQualityShootCost: 2,
    maxReferencePhotos: 5,
    standardQuality: { model: null, imageSize: '1K' },
    highQuality: { offered: true, model: null, imageSize: '2K' },
  },
  generationInstructions: {
    portraitTypes: {
      single: 'Frame the subject as the bride or groom in a flattering three-quarter pose.',
      couple: 'Show the couple together, close and natural, both faces clearly visible.',
      family: 'Group the wedding party naturally around the couple, everyone facing the camera.',
    },
    avoid: ['extra people', 'distorted hands', 'text or signage'],
  },
  themes: [...weddingThemesA, ...weddingThemesB],
  tiers: [
    {
      name: 'Starter',
      shootsCount: 10,
      priceCents: 499,
      originalPriceCents: 599,
      badge: null,
      features: ['10 Wedding Portraits shoots', '3 images per shoot', 'Full-resolution downloads'],
      isDefault: false,
      sortOrder: 1,
      isActive: true,
    },
    {
      name: 'Wedding',
      shootsCount: 25,
      priceCents: 999,
      originalPriceCents: 1249,
      badge: 'MOST POPULAR',
      features: [
        '25 Wedding Portraits shoots',
        '3 images per shoot',
        'Every theme (premium themes use more shoots)',
        'ZIP downloads',
      ],
      isDefault: true,
      sortOrder: 2,
      isActive: true,
    },
    {
      name: 'Party',
      shootsCount: 75,
      priceCents: 2499,
      originalPriceCents: 3747,
      badge: 'BEST VALUE',
      features: [
        '75 Wedding Portraits shoots',
        '3 images per shoot',
        'Enough for the whole wedding party',
        'ZIP downloads',
      ],
      isDefault: false,
      sortOrder: 3,
      isActive: true,
    },
  ],
}
