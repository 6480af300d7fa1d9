export { buildPrompt, buildPromptsForAllPortraitTypes, type PromptInput, type PromptPackage, type PromptSample, type PromptTheme } from './buildPrompt'
export { CUSTOM_PROMPT_MAX, type CustomerInput, customerInputSchema, type ParsedCustomerInput, sanitizeCustomPrompt } from './customerInput'
export {
  type GenerationInstructions,
  generationInstructionsSchema,
  InstructionsError,
  parseGenerationInstructions,
} from './instructions'
export { fillTemplate, TemplateError, templateProblem, tokenize } from './template'
export { DEFAULT_BASE_PROMPT_TEMPLATE, PORTRAIT_TYPES, type PortraitType, PROMPT_VARIABLES, type PromptVariable } from './variables'
export { generationInstructionsProblem } from './validateInstructions'
