import { type SeedTheme, theme } from './types'

/** Wedding Portraits, themes 7-12: one seasonal (Winter Wonderland), one premium (Royal Palace). */
export const weddingThemesB: SeedTheme[] = [
  theme(7, {
    name: 'Winter Wonderland',
    description: 'Snow-dusted pines and soft falling snow, for the festive season.',
    settingPrompt:
      'a snow-covered pine forest with softly falling snowflakes, frosted branches and a distant cabin glowing with warm light',
    clothingPrompt:
      'a long-sleeved satin wedding gown with a faux-fur stole; a charcoal wool overcoat over a classic suit with a burgundy scarf',
    atmospherePrompt:
      'magical and hushed, crisp winter air, the cosy contrast of cold snow and warm golden windows',
    technicalPrompt:
      '85mm lens at f/2, overcast winter daylight with a warm practical light in the background, cool white balance for the snow',
    styleModifiers: ['winter fairytale', 'cool blue shadows', 'soft falling snow', 'cinematic'],
    colorPalette: ['#ffffff', '#d8e2dc', '#9db4c0', '#5c6b73', '#7b1e2b'],
    inspirationReferences: ['Nordic winter weddings', 'holiday season elopements'],
    isSeasonal: true,
    seasonStart: '12-01',
    seasonEnd: '01-06',
    popularityScore: 65,
  }),
  theme(8, {
    name: 'Tuscan Vineyard',
    description: 'Rolling vineyard hills and cypress trees in golden Tuscan light.',
    settingPrompt:
      'rolling Tuscan vineyard hills with rows of grapevines, cypress trees along a dirt road and a stone villa in the distance',
    clothingPrompt:
      'an off-the-shoulder linen and lace wedding dress; a light beige suit with an open collar and leather loafers',
    atmospherePrompt: 'warm, relaxed and sun-soaked, the slow golden light of an Italian late summer evening',
    technicalPrompt: '70mm lens at f/2.8, low warm sunlight from the side, gentle haze for depth',
    styleModifiers: ['Mediterranean warmth', 'earthy golden tones', 'editorial landscape', 'soft haze'],
    colorPalette: ['#e9c46a', '#f4a261', '#8a9a5b', '#6b4226', '#fefae0'],
    inspirationReferences: ['Tuscany destination weddings', 'Italian summer editorials'],
    popularityScore: 77,
  }),
  theme(9, {
    name: 'Enchanted Forest',
    description: 'Moss, ferns and shafts of light in an ancient woodland.',
    settingPrompt:
      'an ancient mossy forest with towering oaks, ferns, a carpet of bluebells and shafts of sunlight through morning mist',
    clothingPrompt:
      'an ethereal tulle gown with embroidered leaves and a floral crown; a forest-green velvet jacket with a sprig of fern',
    atmospherePrompt: 'dreamy and mystical, soft mist catching beams of light, quiet and otherworldly',
    technicalPrompt: '50mm lens at f/1.8, backlit god rays through mist, low contrast with lifted shadows',
    styleModifiers: ['fairytale fantasy', 'volumetric light', 'deep greens', 'painterly softness'],
    colorPalette: ['#2d6a4f', '#95d5b2', '#d8f3dc', '#40513b', '#b7b7a4'],
    inspirationReferences: ['woodland elopements', 'fantasy fine-art photography'],
    popularityScore: 68,
  }),
  theme(10, {
    name: 'Modern Minimalist',
    description: 'Clean lines, concrete and daylight in a contemporary gallery.',
    settingPrompt:
      'a contemporary art gallery with polished concrete floors, white walls, floor-to-ceiling windows and a single sculptural bench',
    clothingPrompt:
      'a sleek minimalist crepe jumpsuit or column gown with clean lines; a slim black suit with a black turtleneck',
    atmospherePrompt: 'calm, modern and confident, clean daylight and generous negative space',
    technicalPrompt:
      '50mm lens at f/4, large soft window light, neutral white balance, precise geometric framing',
    styleModifiers: ['minimalism', 'monochrome accents', 'architectural lines', 'clean and crisp'],
    colorPalette: ['#f8f9fa', '#dee2e6', '#adb5bd', '#495057', '#212529'],
    inspirationReferences: ['modern city hall weddings', 'minimalist fashion campaigns'],
    popularityScore: 72,
  }),
  theme(11, {
    name: 'Royal Palace',
    description: 'A baroque palace hall fit for royalty. Our premium signature theme.',
    settingPrompt:
      'the hall of mirrors in a baroque royal palace, painted ceilings, golden ornaments, velvet drapery and a sweeping marble staircase',
    clothingPrompt:
      'a regal embroidered silk gown with a long cathedral train and a delicate tiara; a ceremonial tailcoat with gold buttons and a sash',
    atmospherePrompt:
      'majestic and breathtaking, soft golden light from tall windows, a sense of royal occasion',
    technicalPrompt:
      '35mm lens at f/4 for the grand interior, carefully balanced window light and soft fill, rich detail and depth',
    styleModifiers: [
      'regal grandeur',
      'baroque opulence',
      'cinematic lighting',
      'museum-quality detail',
      'rich gold tones',
    ],
    colorPalette: ['#d4af37', '#7f0000', '#f5f1e6', '#2c1b18', '#b8860b'],
    inspirationReferences: ['Versailles hall of mirrors', 'royal wedding portraiture'],
    isPremium: true,
    popularityScore: 90,
  }),
  theme(12, {
    name: 'Cherry Blossom',
    description: 'A path under blossoming cherry trees, pink and delicate.',
    settingPrompt:
      'a quiet park path lined with blossoming cherry trees, pink petals on the ground and a small wooden footbridge over a pond',
    clothingPrompt:
      'a soft blush tulle wedding dress with floral appliques; a light grey morning suit with a pale pink tie',
    atmospherePrompt: 'tender, fresh and joyful, soft spring light and petals floating through the air',
    technicalPrompt: '85mm lens at f/1.8, soft diffused daylight, pastel rendering with gentle highlights',
    styleModifiers: ['spring romance', 'soft pastel pinks', 'delicate bokeh', 'light and airy'],
    colorPalette: ['#ffc8dd', '#ffafcc', '#fde2e4', '#cdb4db', '#6d597a'],
    inspirationReferences: ['hanami season portraits', 'Kyoto spring weddings'],
    popularityScore: 84,
  }),
]
