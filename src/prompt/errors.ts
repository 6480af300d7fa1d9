/** Every error the prompt builder throws; callers can catch the family with one instanceof. */
export class PromptError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PromptError'
  }
}

export interface TemplateIssue {
  kind: 'unknown-variable' | 'variable-not-allowed' | 'unbalanced-open' | 'unbalanced-close'
  /** 0-based index into the template text (UTF-16 code units, as JavaScript counts). */
  position: number
  /** The text between the braces, for variable issues. */
  variable?: string
  message: string
}

/** A template (base, instructions or theme prompt) that cannot be filled. */
export class TemplateError extends PromptError {
  constructor(
    /** Which text was wrong, e.g. "basePromptTemplate" or "theme.settingPrompt". */
    readonly source: string,
    readonly issues: readonly TemplateIssue[],
  ) {
    super(`${source}: ${issues.map((issue) => issue.message).join('; ')}`)
    this.name = 'TemplateError'
  }
}

/** A package's generationInstructions that do not match generationInstructionsSchema. */
export class InstructionsError extends PromptError {
  constructor(
    /** JSON path of the first problem, e.g. "generationInstructions.avoid[2]". */
    readonly path: string,
    message: string,
  ) {
    super(message)
    this.name = 'InstructionsError'
  }
}

/** The customer's input broke customerInputSchema (the endpoint normally catches this first). */
export class CustomerInputError extends PromptError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join(' '))
    this.name = 'CustomerInputError'
  }
}
