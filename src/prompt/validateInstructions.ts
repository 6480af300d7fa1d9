import { InstructionsError, parseGenerationInstructions } from './instructions'
import { templateProblem } from './template'

/** For field validation: what is wrong with a generationInstructions value, or null. */
export const generationInstructionsProblem = (value: unknown): string | null => {
  try {
    const instructions = parseGenerationInstructions(value)
    const texts: [string, string | undefined][] = [
      ['prefix', instructions.prefix],
      ['suffix', instructions.suffix],
      ['portraitTypes.single', instructions.portraitTypes?.single],
      ['portraitTypes.couple', instructions.portraitTypes?.couple],
      ['portraitTypes.family', instructions.portraitTypes?.family],
    ]
    for (const [path, text] of texts) {
      const problem = text ? templateProblem(text) : null
      if (problem) return `generationInstructions.${path}: ${problem}`
    }
    return null
  } catch (error) {
    if (error instanceof InstructionsError) return error.message
    throw error
  }
}
