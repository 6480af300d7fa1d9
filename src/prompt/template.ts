import { PROMPT_VARIABLES } from './variables'

const KNOWN = new Set<string>(PROMPT_VARIABLES)

export type TemplateToken = { kind: 'text'; value: string } | { kind: 'variable'; name: string; position: number }

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly variable?: string,
  ) {
    super(message)
    this.name = 'TemplateError'
  }
}

/**
 * Splits template text into literal text and {variable} tokens. Throws a TemplateError
 * naming the problem and its 0-based position for an unknown variable or a brace that
 * does not pair up.
 */
export const tokenize = (template: string): TemplateToken[] => {
  const tokens: TemplateToken[] = []
  let text = ''
  let index = 0
  while (index < template.length) {
    const char = template[index]
    if (char === '}') throw new TemplateError(`Unbalanced "}" at position ${index}.`, index)
    if (char !== '{') {
      text += char
      index++
      continue
    }
    const close = template.indexOf('}', index + 1)
    const nextOpen = template.indexOf('{', index + 1)
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      throw new TemplateError(`Unbalanced "{" at position ${index}.`, index)
    }
    const name = template.slice(index + 1, close)
    if (!KNOWN.has(name)) {
      throw new TemplateError(
        `Unknown variable {${name}} at position ${index}. Known variables: ${PROMPT_VARIABLES.map((v) => `{${v}}`).join(' ')}.`,
        index,
        name,
      )
    }
    if (text) tokens.push({ kind: 'text', value: text })
    text = ''
    tokens.push({ kind: 'variable', name, position: index })
    index = close + 1
  }
  if (text) tokens.push({ kind: 'text', value: text })
  return tokens
}

/** For field validation: the problem with a template as one sentence, or null when it is fine. */
export const templateProblem = (template: string): string | null => {
  try {
    tokenize(template)
    return null
  } catch (error) {
    if (error instanceof TemplateError) return error.message
    throw error
  }
}

/**
 * Fills the variables in ONE pass over the template. Inserted values are never scanned
 * again, so customer text such as "{theme}" stays literal: it is data, not template.
 */
export const fillTemplate = (template: string, values: Record<string, string>): string =>
  tokenize(template)
    .map((token) => (token.kind === 'text' ? token.value : (values[token.name] ?? '')))
    .join('')
