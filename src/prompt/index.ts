export {
  buildPrompt,
  buildPromptsForAllPortraitTypes,
  type PromptInput,
  type PromptPackage,
  type PromptSample,
  type PromptTheme,
  SAMPLE_FAMILY_MEMBER_COUNT,
} from './buildPrompt'
export {
  CUSTOM_PROMPT_MAX,
  type CustomerInput,
  customerInputSchema,
  FAMILY_MEMBERS_MAX,
  FAMILY_MEMBERS_MIN,
  type ParsedCustomerInput,
  sanitizeCustomPrompt,
} from './customerInput'
export {
  CustomerInputError,
  InstructionsError,
  PromptError,
  TemplateError,
  type TemplateIssue,
} from './errors'
export {
  AVOID_ITEM_MAX,
  AVOID_ITEMS_MAX,
  type GenerationInstructions,
  generationInstructionsProblem,
  generationInstructionsSchema,
  INSTRUCTION_TEXT_MAX,
  parseGenerationInstructions,
} from './instructions'
export {
  defaultReferenceRoles,
  MAX_REFERENCE_PHOTOS,
  REFERENCE_ROLE_LABELS,
  REFERENCE_ROLES,
  type ReferenceRole,
  referenceLabels,
  referencePartLabels,
  referenceRolesProblem,
  referencesSentence,
  ROLES_FOR_TYPE,
} from './references'
export { technicalRequirements } from './requirements'
export {
  fillTemplate,
  type TemplateOptions,
  templateIssues,
  templateProblem,
  type TemplateToken,
  themePromptProblem,
  tokenize,
} from './template'
export {
  DEFAULT_BASE_PROMPT_TEMPLATE,
  PORTRAIT_TYPES,
  type PortraitType,
  PROMPT_VARIABLES,
  type PromptVariable,
  THEME_PART_VARIABLES,
  THEME_PROMPT_VARIABLES,
} from './variables'
