import { type CustomerInput, customerInputSchema } from './customerInput'
import { parseGenerationInstructions } from './instructions'
import { fillTemplate } from './template'
import { DEFAULT_BASE_PROMPT_TEMPLATE, PORTRAIT_TYPES, type PortraitType, type PromptVariable } from './variables'

export interface PromptPackage {
  name: string
  basePromptTemplate?: string | null
  generationInstructions?: unknown
  imagesPerGeneration: number
}

export interface PromptTheme {
  name: string
  description?: string | null
  settingPrompt: string
  clothingPrompt?: string | null
  atmospherePrompt?: string | null
  technicalPrompt?: string | null
  styleModifiers?: string[] | null
}

export interface PromptInput {
  pkg: PromptPackage
  theme: PromptTheme
  request: CustomerInput
}

const PEOPLE: Record<PortraitType, (count: number) => string> = {
  single: () => 'exactly one person, the person in the reference photo',
  couple: () => 'exactly two people, the couple in the reference photo',
  family: (count) => `exactly ${count} people, the family in the reference photo`,
}

/** Step 6: the studio's fixed requirements, whatever the package says. */
const technicalRequirements = (type: PortraitType, count: number): string =>
  `Technical requirements: photorealistic photograph; ${PEOPLE[type](count)}; preserve each face, identity, ` +
  'skin tone and proportions faithfully from the reference photo; natural skin texture; sharp focus on the eyes; ' +
  'no text, no watermark, no logos, no borders.'

/** Theme parts the template does not place itself are appended as sentences, never dropped. */
const THEME_SENTENCES: [PromptVariable, string][] = [
  ['themeDescription', 'Setting: {themeDescription}.'],
  ['clothingDescription', 'Wardrobe: {clothingDescription}.'],
  ['atmosphereDescription', 'Atmosphere: {atmosphereDescription}.'],
  ['technicalSpecs', 'Photography: {technicalSpecs}.'],
]

const stripFinalStop = (text: string): string => text.trim().replace(/[.\s]+$/, '')

/**
 * Builds the image prompt from package + theme + the customer's input, in the seed's order:
 * base template, generation instructions, theme prompts, style modifiers, variables,
 * technical requirements, normalised whitespace. Pure: plain objects in, a string out.
 */
export const buildPrompt = ({ pkg, theme, request }: PromptInput): string => {
  const input = customerInputSchema.parse(request)
  const instructions = parseGenerationInstructions(pkg.generationInstructions)
  const familyCount = input.portraitType === 'family' ? (input.familyMemberCount as number) : 0
  const peopleCount = input.portraitType === 'single' ? 1 : input.portraitType === 'couple' ? 2 : familyCount

  // Values that hold no customer text. Theme prompts may use variables too, so they are
  // filled first and then used as values: nothing inserted is ever read as template.
  const values: Record<string, string> = {
    portraitType: input.portraitType,
    theme: theme.name,
    customPrompt: input.customPrompt || 'none',
    familyMemberCount: familyCount ? String(familyCount) : '',
    imageCount: String(pkg.imagesPerGeneration),
    packageName: pkg.name,
  }
  values.themeDescription = stripFinalStop(fillTemplate(theme.settingPrompt, values))
  values.clothingDescription = stripFinalStop(fillTemplate(theme.clothingPrompt || 'attire that suits the setting', values))
  values.atmosphereDescription = stripFinalStop(fillTemplate(theme.atmospherePrompt || 'natural and warm', values))
  values.technicalSpecs = stripFinalStop(
    fillTemplate(theme.technicalPrompt || 'professional portrait photography, soft flattering light', values),
  )

  const base = pkg.basePromptTemplate?.trim() || DEFAULT_BASE_PROMPT_TEMPLATE
  const parts: string[] = []
  if (instructions.prefix) parts.push(instructions.prefix)
  parts.push(base)
  const typeLine = instructions.portraitTypes?.[input.portraitType]
  if (typeLine) parts.push(typeLine)
  const placed = parts.join(' ')
  for (const [variable, sentence] of THEME_SENTENCES) {
    if (!placed.includes(`{${variable}}`)) parts.push(sentence)
  }
  const modifiers = (theme.styleModifiers ?? []).map((modifier) => modifier.trim()).filter(Boolean)
  if (modifiers.length) parts.push(`Style: ${modifiers.join(', ').replace(/[{}]/g, '')}.`)
  if (instructions.suffix) parts.push(instructions.suffix)
  if (!placed.includes('{customPrompt}') && input.customPrompt) parts.push('Client wishes: {customPrompt}.')
  if (instructions.avoid?.length) parts.push(`Avoid: ${instructions.avoid.join(', ').replace(/[{}]/g, '')}.`)

  const filled = fillTemplate(parts.join(' '), values)
  return `${filled} ${technicalRequirements(input.portraitType, peopleCount)}`.replace(/\s+/g, ' ').trim()
}

export interface PromptSample {
  customPrompt?: string
  familyMemberCount?: number
}

/** For the editors' live preview and the prompt lab: one prompt per portrait type. */
export const buildPromptsForAllPortraitTypes = (
  pkg: PromptPackage,
  theme: PromptTheme,
  sample: PromptSample = {},
): Record<PortraitType, string> =>
  Object.fromEntries(
    PORTRAIT_TYPES.map((portraitType) => [
      portraitType,
      buildPrompt({
        pkg,
        theme,
        request: {
          portraitType,
          customPrompt: sample.customPrompt ?? null,
          familyMemberCount: portraitType === 'family' ? (sample.familyMemberCount ?? 4) : null,
        },
      }),
    ]),
  ) as Record<PortraitType, string>
