import { type SeedPackage, theme } from './types'

/** Inactive on purpose: proves the catalog hides what is switched off. */
export const retiredStudioClassics: SeedPackage = {
  name: 'Retired Studio Classics',
  slug: 'retired-studio-classics',
  description: 'A retired collection of painted studio backdrops, kept for the archive.',
  category: 'artistic',
  imagesPerGeneration: 2,
  isActive: false,
  isFeatured: false,
  sortOrder: 99,
  themes: [
    theme(1, {
      name: 'Painted Canvas',
      description: 'A hand-painted mottled canvas backdrop.',
      settingPrompt: 'a hand-painted mottled canvas backdrop in warm browns',
      clothingPrompt: 'simple dark clothing',
      atmospherePrompt: 'classic and painterly',
      technicalPrompt: '85mm lens at f/5.6, single softbox',
      styleModifiers: ['old master portrait'],
      colorPalette: ['#5e503f', '#a9927d', '#f2f4f3'],
      inspirationReferences: ['Rembrandt portraits'],
    }),
    theme(2, {
      name: 'Sepia Parlour',
      description: 'A Victorian parlour in sepia.',
      settingPrompt: 'a Victorian parlour with a velvet armchair and heavy curtains',
      clothingPrompt: 'Victorian formal dress',
      atmospherePrompt: 'formal and nostalgic',
      technicalPrompt: '50mm lens at f/8, window light, sepia toning',
      styleModifiers: ['sepia', 'antique'],
      colorPalette: ['#704214', '#c2b280', '#f5deb3'],
      inspirationReferences: ['cabinet card photographs'],
    }),
  ],
  tiers: [
    {
      name: 'Archive',
      shootsCount: 5,
      priceCents: 299,
      originalPriceCents: null,
      badge: null,
      features: ['5 Retired Studio Classics shoots', '2 images per shoot'],
      isDefault: true,
      sortOrder: 1,
      isActive: true,
    },
  ],
}
