import { TemplateError, type TemplateIssue } from './errors'
import { PROMPT_VARIABLES, type PromptVariable, THEME_PROMPT_VARIABLES } from './variables'

export type TemplateToken =
  { kind: 'text'; value: string } | { kind: 'variable'; name: PromptVariable; position: number }

export interface TemplateOptions {
  /** Variables this text may use; every PROMPT_VARIABLE by default. */
  allowed?: readonly PromptVariable[]
}

const KNOWN = new Set<string>(PROMPT_VARIABLES)
// A pasted JSON blob between braces would otherwise flood the message.
const NAME_SHOWN_MAX = 40
// Enough to fix the first few; the rest show up on the next save.
const ISSUES_SHOWN_MAX = 5

const shownName = (name: string): string =>
  name.length > NAME_SHOWN_MAX ? `${name.slice(0, NAME_SHOWN_MAX)}…` : name

/**
 * One pass over the text. Every brace is syntax (there is no escape): a `{` must close with
 * `}` before the next `{`, and the name between them must be an allowed variable.
 * The scan goes on after a problem so that a save reports all of them at once.
 */
const scan = (
  template: string,
  options: TemplateOptions,
): { tokens: TemplateToken[]; issues: TemplateIssue[] } => {
  const allowed = new Set<string>(options.allowed ?? PROMPT_VARIABLES)
  const tokens: TemplateToken[] = []
  const issues: TemplateIssue[] = []
  let textStart = 0
  let index = 0
  while (index < template.length) {
    const char = template[index]
    if (char === '}') {
      issues.push({
        kind: 'unbalanced-close',
        position: index,
        message: `Unbalanced "}" at position ${index}`,
      })
      index++
      continue
    }
    if (char !== '{') {
      index++
      continue
    }
    const close = template.indexOf('}', index + 1)
    const nextOpen = template.indexOf('{', index + 1)
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      issues.push({
        kind: 'unbalanced-open',
        position: index,
        message: `Unbalanced "{" at position ${index}`,
      })
      index++
      continue
    }
    const name = template.slice(index + 1, close)
    if (!KNOWN.has(name)) {
      issues.push({
        kind: 'unknown-variable',
        position: index,
        variable: name,
        message: `Unknown variable {${shownName(name)}} at position ${index}`,
      })
    } else if (!allowed.has(name)) {
      issues.push({
        kind: 'variable-not-allowed',
        position: index,
        variable: name,
        message: `Variable {${name}} at position ${index} cannot be used here`,
      })
    } else {
      if (index > textStart) tokens.push({ kind: 'text', value: template.slice(textStart, index) })
      tokens.push({ kind: 'variable', name: name as PromptVariable, position: index })
    }
    index = close + 1
    textStart = index
  }
  if (template.length > textStart) tokens.push({ kind: 'text', value: template.slice(textStart) })
  return { tokens, issues }
}

/** Every problem in a template, in text order; empty when it is fine. */
export const templateIssues = (template: string, options: TemplateOptions = {}): TemplateIssue[] =>
  scan(template, options).issues

/**
 * For a Payload field `validate`: `templateProblem(value) ?? true`.
 * One sentence listing the problems with their positions, or null when the template is fine.
 */
export const templateProblem = (template: string, options: TemplateOptions = {}): string | null => {
  const issues = templateIssues(template, options)
  if (issues.length === 0) return null
  const shown = issues.slice(0, ISSUES_SHOWN_MAX).map((issue) => issue.message)
  if (issues.length > ISSUES_SHOWN_MAX) shown.push(`and ${issues.length - ISSUES_SHOWN_MAX} more`)
  const aboutVariables = issues.some((issue) => issue.variable !== undefined)
  const allowed = (options.allowed ?? PROMPT_VARIABLES).map((name) => `{${name}}`).join(' ')
  return `${shown.join('; ')}.${aboutVariables ? ` Allowed variables: ${allowed}.` : ''}`
}

/** The check for a theme's setting, clothing, atmosphere and technical prompts. */
export const themePromptProblem = (template: string): string | null =>
  templateProblem(template, { allowed: THEME_PROMPT_VARIABLES })

/** Splits a template into text and variables; throws a TemplateError naming `source` if it has any issue. */
export const tokenize = (
  template: string,
  options: TemplateOptions = {},
  source = 'template',
): TemplateToken[] => {
  const { tokens, issues } = scan(template, options)
  if (issues.length) throw new TemplateError(source, issues)
  return tokens
}

/**
 * Fills the variables in ONE pass over the template. Inserted values are never scanned again,
 * so a value such as the customer's "{theme}" stays literal: it is data, not template.
 * A variable without a value becomes empty text.
 */
export const fillTemplate = (
  template: string,
  values: Partial<Record<PromptVariable, string>>,
  options: TemplateOptions = {},
  source = 'template',
): string =>
  tokenize(template, options, source)
    .map((token) => (token.kind === 'text' ? token.value : (values[token.name] ?? '')))
    .join('')
