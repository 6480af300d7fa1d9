import { type SeedTheme, theme } from './types'

/** Wedding Portraits, themes 1-6: the legacy wedding studio's prompt library. */
export const weddingThemesA: SeedTheme[] = [
  theme(1, {
    name: 'Garden Romance',
    description: 'An English rose garden in full bloom, soft and timeless.',
    settingPrompt:
      'a lush English rose garden in full bloom, climbing roses on a weathered stone arch, boxwood hedges and a gravel path leading into soft greenery',
    clothingPrompt:
      'a flowing ivory chiffon wedding gown with delicate lace sleeves and a cathedral veil; a light grey linen suit with a blush rose boutonniere',
    atmospherePrompt:
      'gentle late-afternoon light filtering through leaves, romantic and serene, petals drifting in a light breeze',
    technicalPrompt:
      '85mm lens at f/1.8, shallow depth of field, warm golden backlight with soft fill, creamy bokeh',
    styleModifiers: ['fine-art wedding photography', 'pastel tones', 'soft focus edges', 'film-like grain'],
    colorPalette: ['#f7e1d7', '#dedbd2', '#b0c4b1', '#4a5759', '#edafb8'],
    inspirationReferences: ['English country garden weddings', 'fine-art film wedding photography'],
    popularityScore: 92,
  }),
  theme(2, {
    name: 'Grand Ballroom',
    description: 'Crystal chandeliers and gilded mirrors in a historic ballroom.',
    settingPrompt:
      'a historic grand ballroom with crystal chandeliers, gilded mirrors, marble floors and tall arched windows draped in silk',
    clothingPrompt:
      'a structured satin ball gown with a sweetheart neckline and long train; a classic black tuxedo with a satin lapel and bow tie',
    atmospherePrompt:
      'opulent and celebratory, warm candlelight reflecting in the mirrors, a sense of timeless glamour',
    technicalPrompt:
      '35mm lens at f/2.8, balanced ambient and off-camera flash, crisp detail in the chandeliers',
    styleModifiers: ['luxury editorial', 'rich warm tones', 'symmetrical composition', 'high dynamic range'],
    colorPalette: ['#f3e9d2', '#c6a15b', '#7d5a50', '#2b2118', '#fffaf0'],
    inspirationReferences: ['Vogue wedding editorials', 'Viennese ballroom galas'],
    popularityScore: 81,
  }),
  theme(3, {
    name: 'Beach Sunset',
    description: 'Barefoot on the sand as the sun melts into the sea.',
    settingPrompt:
      'a wide sandy beach at sunset, gentle waves rolling in, the sun low on the horizon over the ocean',
    clothingPrompt:
      'a lightweight silk slip wedding dress that moves in the wind; a relaxed white linen shirt and sand-coloured trousers, barefoot',
    atmospherePrompt:
      'carefree and romantic, warm golden-hour glow, a soft sea breeze lifting hair and fabric',
    technicalPrompt:
      '50mm lens at f/2, shooting into the sun with a warm rim light and gentle lens flare, exposure for skin tones',
    styleModifiers: ['golden hour', 'airy and bright', 'natural candid pose', 'warm highlights'],
    colorPalette: ['#ffd6a5', '#fdffb6', '#f4a261', '#2a9d8f', '#264653'],
    inspirationReferences: ['destination beach weddings', 'golden hour lifestyle photography'],
    popularityScore: 88,
  }),
  theme(4, {
    name: 'Rustic Barn',
    description: 'Exposed beams, string lights and wildflowers in a country barn.',
    settingPrompt:
      'a restored wooden barn with exposed beams, hay bales, mason-jar wildflowers and warm string lights overhead',
    clothingPrompt:
      'a bohemian lace wedding dress with a flower crown; a tweed waistcoat, rolled shirt sleeves and suspenders',
    atmospherePrompt: 'cosy, joyful and intimate, the warm glow of string lights against the weathered wood',
    technicalPrompt:
      '35mm lens at f/2, tungsten-balanced ambient light with a soft window fill, warm white balance',
    styleModifiers: ['rustic chic', 'earthy warm tones', 'candid storytelling', 'soft matte finish'],
    colorPalette: ['#d4a373', '#faedcd', '#ccd5ae', '#6b4f3a', '#e9edc9'],
    inspirationReferences: ['country barn weddings', 'documentary wedding photography'],
    popularityScore: 74,
  }),
  theme(5, {
    name: 'Parisian Elegance',
    description: 'Cobblestones, wrought-iron balconies and the Eiffel Tower beyond.',
    settingPrompt:
      'a Parisian street at dawn with cobblestones, wrought-iron balconies, a cafe terrace and the Eiffel Tower in the soft distance',
    clothingPrompt:
      'a sleek crepe gown with a bateau neckline and long gloves; a slim navy three-piece suit with a silk pocket square',
    atmospherePrompt:
      'chic, effortless and romantic, the quiet of an early Paris morning with a soft pastel sky',
    technicalPrompt:
      '50mm lens at f/1.4, soft overcast daylight, gentle contrast, the background rendered in soft blur',
    styleModifiers: ['French editorial', 'muted pastel palette', 'timeless elegance', 'subtle film grain'],
    colorPalette: ['#e8e1d9', '#bfa6a0', '#6d6875', '#b5838d', '#ffcdb2'],
    inspirationReferences: ['Paris elopement photography', 'French fashion editorials'],
    popularityScore: 79,
  }),
  theme(6, {
    name: 'Vintage Glamour',
    description: 'Art deco 1920s glamour with feathers, pearls and champagne.',
    settingPrompt:
      'a 1920s art deco lounge with geometric gold patterns, velvet booths, a champagne tower and a grand piano',
    clothingPrompt:
      'a beaded drop-waist flapper wedding dress with a pearl headpiece and feathered details; a double-breasted tuxedo with slicked-back hair',
    atmospherePrompt:
      'glamorous and playful, the sparkle of a roaring twenties celebration, warm moody light',
    technicalPrompt:
      '85mm lens at f/2.2, hard spotlight with soft fill for an old Hollywood feel, deep shadows',
    styleModifiers: ['old Hollywood glamour', 'art deco', 'high contrast', 'warm sepia undertones'],
    colorPalette: ['#1b1b1e', '#c9a227', '#f5f0e1', '#7b2d26', '#d4af37'],
    inspirationReferences: ['The Great Gatsby styling', 'George Hurrell portraits'],
    popularityScore: 70,
  }),
]
