/**
 * The template variables, as admins write them: `{portraitType}`, `{theme}`, …
 *
 * - portraitType: single | couple | family
 * - theme: the theme's name
 * - themeDescription, clothingDescription, atmosphereDescription, technicalSpecs:
 *   the theme's setting, clothing, atmosphere and technical prompts (filled first)
 * - customPrompt: the customer's wishes, sanitised; "none" when there are none
 * - familyMemberCount: how many people are in the portrait (1 single, 2 couple, the
 *   customer's 2-12 for family), so a template reads well for every portrait type
 * - imageCount: the package's images per generation
 * - packageName: the package's name
 */
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

/** The variables whose values are the theme's own prompts. */
export const THEME_PART_VARIABLES = [
  'themeDescription',
  'clothingDescription',
  'atmosphereDescription',
  'technicalSpecs',
] as const

/**
 * What a theme prompt may use. Not the theme parts (a theme prompt would refer to itself or
 * its siblings) and not customPrompt: customer text has exactly one slot, in the package's text.
 */
export const THEME_PROMPT_VARIABLES = [
  'portraitType',
  'theme',
  'familyMemberCount',
  'imageCount',
  'packageName',
] as const satisfies readonly PromptVariable[]

export const PORTRAIT_TYPES = ['single', 'couple', 'family'] as const
export type PortraitType = (typeof PORTRAIT_TYPES)[number]

/** Used when a package's template is left empty. Every theme part and the wishes have a place. */
export const DEFAULT_BASE_PROMPT_TEMPLATE =
  'Create a {portraitType} portrait for the {packageName} collection in the {theme} theme. ' +
  'Setting: {themeDescription}. Wardrobe: {clothingDescription}. Mood: {atmosphereDescription}. ' +
  'Photography: {technicalSpecs}. Client wishes: {customPrompt}.'
