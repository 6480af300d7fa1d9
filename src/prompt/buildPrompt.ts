import { type CustomerInput, customerInputSchema, type ParsedCustomerInput } from './customerInput'
import { CustomerInputError, PromptError } from './errors'
import { parseGenerationInstructions } from './instructions'
import {
  defaultReferenceRoles,
  type ReferenceRole,
  referenceRolesProblem,
  referencesSentence,
} from './references'
import { technicalRequirements } from './requirements'
import { fillTemplate, type TemplateToken, tokenize } from './template'
import {
  DEFAULT_BASE_PROMPT_TEMPLATE,
  type PortraitType,
  type PromptVariable,
  THEME_PART_VARIABLES,
  THEME_PROMPT_VARIABLES,
} from './variables'

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
  /** Who each reference photo shows, in the order they are sent; default one photo (see defaultReferenceRoles). */
  references?: readonly ReferenceRole[]
}

type ThemePart = (typeof THEME_PART_VARIABLES)[number]
type Segment = { kind: 'template'; tokens: TemplateToken[] } | { kind: 'literal'; text: string }

/** Where a theme part goes when the package's texts do not place it themselves: it is never dropped. */
const THEME_SENTENCES: Record<ThemePart, string> = {
  themeDescription: 'Setting: {themeDescription}.',
  clothingDescription: 'Wardrobe: {clothingDescription}.',
  atmosphereDescription: 'Mood: {atmosphereDescription}.',
  technicalSpecs: 'Photography: {technicalSpecs}.',
}
const WISHES_SENTENCE = 'Client wishes: {customPrompt}.'
// What {customPrompt} reads when the customer wished nothing, so a template sentence still parses.
const NO_WISHES = 'none'
const THEME_PART_DEFAULTS = {
  clothing: 'attire that suits the setting',
  atmosphere: 'natural and warm',
  technical: 'professional portrait photography with soft, flattering light',
}

// Theme parts and phrases sit inside sentences ("Setting: X."), so their own final stop goes.
const asSentencePart = (text: string): string => text.trim().replace(/[.\s]+$/, '')
const normalizeWhitespace = (text: string): string => text.replace(/\s+/g, ' ').trim()
const template = (text: string, source: string): Segment => ({
  kind: 'template',
  tokens: tokenize(text, {}, source),
})
const literal = (text: string): Segment => ({ kind: 'literal', text })

const parseRequest = (request: CustomerInput): ParsedCustomerInput => {
  const result = customerInputSchema.safeParse(request)
  if (!result.success) throw new CustomerInputError(result.error.issues.map((issue) => issue.message))
  return result.data
}

const peopleCountOf = (input: ParsedCustomerInput): number =>
  input.portraitType === 'single'
    ? 1
    : input.portraitType === 'couple'
      ? 2
      : (input.familyMemberCount as number)

/** Step 3's values: each theme prompt filled with the variables a theme prompt may use. */
const themeValues = (
  theme: PromptTheme,
  scalars: Partial<Record<PromptVariable, string>>,
): Record<ThemePart, string> => {
  const fill = (source: keyof PromptTheme, text: string | null | undefined, fallback: string): string =>
    asSentencePart(
      fillTemplate(text?.trim() || fallback, scalars, { allowed: THEME_PROMPT_VARIABLES }, `theme.${source}`),
    )
  // The description is customer-facing copy, used (literally) only if the setting prompt is blank.
  const setting = theme.settingPrompt?.trim()
    ? fill('settingPrompt', theme.settingPrompt, '')
    : asSentencePart(theme.description?.trim() || theme.name)
  return {
    themeDescription: setting,
    clothingDescription: fill('clothingPrompt', theme.clothingPrompt, THEME_PART_DEFAULTS.clothing),
    atmosphereDescription: fill('atmospherePrompt', theme.atmospherePrompt, THEME_PART_DEFAULTS.atmosphere),
    technicalSpecs: fill('technicalPrompt', theme.technicalPrompt, THEME_PART_DEFAULTS.technical),
  }
}

const phraseList = (phrases: readonly string[] | null | undefined): string[] =>
  (phrases ?? []).map(asSentencePart).filter((phrase) => phrase.length > 0)

/**
 * The image prompt for one generation. Plain objects in, a string out; throws a PromptError
 * (TemplateError, InstructionsError, CustomerInputError) for data that cannot make a prompt.
 *
 * Steps: 1. the package's template (or DEFAULT_BASE_PROMPT_TEMPLATE); 2. generationInstructions
 * (prefix before it, the portrait type's line after it, suffix and avoid list later); 3. the
 * theme prompts, as sentences where the package's texts do not place them; 4. style modifiers;
 * 5. variables, in one pass per template so that no inserted value is read as template;
 * 6. the sentence naming each reference photo in order, then the studio's technical
 * requirements; 7. whitespace folded to single spaces.
 */
export const buildPrompt = ({ pkg, theme, request, references }: PromptInput): string => {
  const input = parseRequest(request)
  const instructions = parseGenerationInstructions(pkg.generationInstructions)
  if (!Number.isInteger(pkg.imagesPerGeneration) || pkg.imagesPerGeneration < 1) {
    throw new PromptError(
      `imagesPerGeneration must be a whole number of at least 1 (it is ${pkg.imagesPerGeneration}).`,
    )
  }
  const peopleCount = peopleCountOf(input)
  const roles = references ?? defaultReferenceRoles(input.portraitType, 1)
  const rolesProblem = referenceRolesProblem(input.portraitType, roles, peopleCount)
  if (rolesProblem) throw new CustomerInputError([rolesProblem])
  const scalars: Partial<Record<PromptVariable, string>> = {
    portraitType: input.portraitType,
    theme: theme.name.trim(),
    familyMemberCount: String(peopleCount),
    imageCount: String(pkg.imagesPerGeneration),
    packageName: pkg.name.trim(),
  }
  const values: Record<PromptVariable, string> = {
    ...(scalars as Record<PromptVariable, string>),
    ...themeValues(theme, scalars),
    customPrompt: input.customPrompt || NO_WISHES,
  }

  // Steps 1-2: the package's own texts.
  const typeLine = instructions.portraitTypes?.[input.portraitType]
  const prefix = instructions.prefix
    ? template(instructions.prefix, 'generationInstructions.prefix')
    : undefined
  const base = template(pkg.basePromptTemplate?.trim() || DEFAULT_BASE_PROMPT_TEMPLATE, 'basePromptTemplate')
  const typeSegment = typeLine
    ? template(typeLine, `generationInstructions.portraitTypes.${input.portraitType}`)
    : undefined
  const suffix = instructions.suffix
    ? template(instructions.suffix, 'generationInstructions.suffix')
    : undefined
  const placed = new Set<PromptVariable>()
  for (const segment of [prefix, base, typeSegment, suffix]) {
    if (segment?.kind === 'template')
      for (const token of segment.tokens) if (token.kind === 'variable') placed.add(token.name)
  }

  // Steps 3-4: theme parts the package did not place, then the style modifiers (literal text).
  const themeSentences = THEME_PART_VARIABLES.filter((part) => !placed.has(part)).map((part) =>
    template(THEME_SENTENCES[part], 'theme sentence'),
  )
  const modifiers = phraseList(theme.styleModifiers)
  const style = modifiers.length ? literal(`Style: ${modifiers.join(', ')}.`) : undefined
  // The customer's wishes go after the studio's texts, and only the requirements come later.
  const wishes =
    !placed.has('customPrompt') && input.customPrompt
      ? template(WISHES_SENTENCE, 'wishes sentence')
      : undefined
  const avoidPhrases = phraseList(instructions.avoid)
  const avoid = avoidPhrases.length ? literal(`Avoid: ${avoidPhrases.join(', ')}.`) : undefined

  // Step 5: substitution; literal segments and inserted values are never scanned.
  const filled = [prefix, base, typeSegment, ...themeSentences, style, suffix, wishes, avoid]
    .filter((segment): segment is Segment => segment !== undefined)
    .map((segment) =>
      segment.kind === 'literal'
        ? segment.text
        : segment.tokens.map((token) => (token.kind === 'text' ? token.value : values[token.name])).join(''),
    )
    .join(' ')

  // Steps 6-7: the references (roles are a fixed vocabulary, never customer text), then the requirements.
  const requirements = technicalRequirements(input.portraitType, peopleCount, roles.length)
  return normalizeWhitespace(`${filled} ${referencesSentence(roles)} ${requirements}`)
}

export interface PromptSample {
  customPrompt?: string | null
  /** Used for the family prompt only; 4 when not given. */
  familyMemberCount?: number | null
}

export const SAMPLE_FAMILY_MEMBER_COUNT = 4

/** For the editors' live preview and the prompt lab: the prompt for each portrait type. */
export const buildPromptsForAllPortraitTypes = (
  pkg: PromptPackage,
  theme: PromptTheme,
  sample: PromptSample = {},
): Record<PortraitType, string> => {
  const build = (portraitType: PortraitType): string =>
    buildPrompt({
      pkg,
      theme,
      request: {
        portraitType,
        customPrompt: sample.customPrompt ?? null,
        familyMemberCount:
          portraitType === 'family' ? (sample.familyMemberCount ?? SAMPLE_FAMILY_MEMBER_COUNT) : null,
      },
    })
  return { single: build('single'), couple: build('couple'), family: build('family') }
}
