import { type SeedPackage, theme } from './types'

export const professionalHeadshots: SeedPackage = {
  name: 'Professional Headshots',
  slug: 'professional-headshots',
  description: 'Polished, on-brand headshots for LinkedIn, websites and press kits. Five images per shoot.',
  category: 'professional',
  imagesPerGeneration: 5,
  isActive: true,
  isFeatured: false,
  sortOrder: 3,
  basePromptTemplate:
    'Create a professional {portraitType} headshot for the {packageName} collection, {theme} style. ' +
    'Background and setting: {themeDescription}. Attire: {clothingDescription}. Expression and mood: {atmosphereDescription}. ' +
    'Camera and light: {technicalSpecs}. Extra direction: {customPrompt}. Deliver one of {imageCount} varied crops.',
  generationInstructions: {
    prefix: 'Corporate portrait photography.',
    avoid: ['busy backgrounds', 'harsh shadows on the face', 'casual snapshots', 'visible brand logos'],
    portraitTypes: {
      single: 'Head-and-shoulders framing, eyes to camera, approachable confident expression.',
      couple: 'Two business partners side by side, shoulders angled towards each other.',
      family: 'A small team group portrait, evenly lit, everyone in focus.',
    },
  },
  themes: [
    theme(1, {
      name: 'Studio Grey',
      description: 'The classic seamless grey backdrop with clean studio light.',
      settingPrompt: 'a seamless mid-grey studio backdrop with a subtle gradient behind the subject',
      clothingPrompt: 'a well-fitted navy or charcoal blazer over a crisp shirt or blouse',
      atmospherePrompt: 'confident, trustworthy and approachable',
      technicalPrompt:
        '85mm lens at f/5.6, large softbox key light with a reflector fill and a subtle hair light',
      styleModifiers: ['corporate headshot', 'clean retouching', 'neutral tones'],
      colorPalette: ['#6c757d', '#adb5bd', '#dee2e6', '#1d3557', '#f8f9fa'],
      inspirationReferences: ['Fortune 500 executive portraits'],
      popularityScore: 86,
    }),
    theme(2, {
      name: 'Modern Office',
      description: 'A bright open-plan office softly blurred behind you.',
      settingPrompt:
        'a bright modern open-plan office with glass walls and green plants, softly out of focus',
      clothingPrompt: 'smart business casual: a tailored jacket without a tie, or a structured knit top',
      atmospherePrompt: 'dynamic, friendly and capable',
      technicalPrompt:
        '70mm lens at f/2.8, natural window key light, background separation through shallow depth of field',
      styleModifiers: ['tech company portrait', 'bright and airy', 'natural skin tones'],
      colorPalette: ['#e9ecef', '#a8dadc', '#457b9d', '#1d3557', '#f1faee'],
      inspirationReferences: ['startup team pages'],
      popularityScore: 78,
    }),
    theme(3, {
      name: 'Urban Outdoor',
      description: 'City architecture and daylight for a relaxed, modern look.',
      settingPrompt:
        'a city street with clean modern architecture and soft background lines, shaded daylight',
      clothingPrompt: 'a smart overcoat or blazer with a simple top',
      atmospherePrompt: 'relaxed, modern and self-assured',
      technicalPrompt:
        '85mm lens at f/2, open shade with a white reflector, background compressed and blurred',
      styleModifiers: ['environmental portrait', 'urban minimal', 'soft contrast'],
      colorPalette: ['#cad2c5', '#84a98c', '#52796f', '#354f52', '#2f3e46'],
      inspirationReferences: ['editorial business profiles'],
      popularityScore: 66,
    }),
    theme(4, {
      name: 'Creative Agency',
      description: 'Bold colour and character for creative professionals.',
      settingPrompt: 'a colourful creative studio wall with a bold single-colour backdrop in terracotta',
      clothingPrompt: 'expressive smart-casual clothing with one statement piece',
      atmospherePrompt: 'creative, warm and memorable, a hint of personality',
      technicalPrompt: '50mm lens at f/4, beauty dish key light with a coloured gel on the background',
      styleModifiers: ['creative portrait', 'bold colour blocking', 'magazine style'],
      colorPalette: ['#e76f51', '#f4a261', '#e9c46a', '#264653', '#fefae0'],
      inspirationReferences: ['design agency team portraits'],
      isPremium: true,
      popularityScore: 59,
    }),
  ],
  tiers: [
    {
      name: 'Solo',
      shootsCount: 5,
      priceCents: 599,
      originalPriceCents: null,
      badge: null,
      features: ['5 Professional Headshots shoots', '5 images per shoot'],
      isDefault: false,
      sortOrder: 1,
      isActive: true,
    },
    {
      name: 'Professional',
      shootsCount: 15,
      priceCents: 1499,
      originalPriceCents: 1797,
      badge: 'MOST POPULAR',
      features: ['15 Professional Headshots shoots', '5 images per shoot', 'ZIP downloads'],
      isDefault: true,
      sortOrder: 2,
      isActive: true,
    },
    {
      name: 'Team',
      shootsCount: 60,
      priceCents: 4999,
      originalPriceCents: 7188,
      badge: 'TEAMS',
      features: [
        '60 Professional Headshots shoots',
        '5 images per shoot',
        'Five shoots each for 12 colleagues',
        'ZIP downloads',
      ],
      isDefault: false,
      sortOrder: 3,
      isActive: true,
    },
  ],
}
