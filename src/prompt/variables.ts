/** The seed's template variables, in the seed's order. */
export const PROMPT_VARIABLES = [
  'portraitType',
  'theme',
  'themeDescription',
  'clothingDescription',
  'atmosphereDescription',
  'technicalSpecs',
  'customPrompt',
  'familyMemberCount',
  'imageCount',
  'packageName',
] as const

export type PromptVariable = (typeof PROMPT_VARIABLES)[number]

export const PORTRAIT_TYPES = ['single', 'couple', 'family'] as const
export type PortraitType = (typeof PORTRAIT_TYPES)[number]

/** Used when a package's template is left empty (the seed's default, in the studio's words). */
export const DEFAULT_BASE_PROMPT_TEMPLATE =
  'Create a {portraitType} portrait for the {packageName} collection in the {theme} theme. ' +
  'Setting: {themeDescription}. Wardrobe: {clothingDescription}. Mood: {atmosphereDescription}. ' +
  'Photography: {technicalSpecs}. Client wishes: {customPrompt}.'
