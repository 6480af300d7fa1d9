import { describe, expect, it } from 'vitest'

import { fillTemplate, generationInstructionsProblem, templateProblem } from '@/prompt'

describe('template validation at save time', () => {
  it('accepts known variables and plain text', () => {
    expect(templateProblem('A {portraitType} portrait in {theme} for {packageName}')).toBeNull()
    expect(templateProblem('No variables at all')).toBeNull()
  })

  it('names an unknown variable and its position', () => {
    expect(templateProblem('Hello {colour} world')).toMatch(/^Unknown variable \{colour\} at position 6\./)
  })

  it('names an unbalanced brace and its position', () => {
    expect(templateProblem('Hello {theme')).toBe('Unbalanced "{" at position 6.')
    expect(templateProblem('Hello theme}')).toBe('Unbalanced "}" at position 11.')
    expect(templateProblem('A {the{me}')).toBe('Unbalanced "{" at position 2.')
  })

  it('fills in one pass: inserted values are never read as template', () => {
    expect(fillTemplate('{customPrompt} / {theme}', { customPrompt: '{theme}', theme: 'Garden' })).toBe('{theme} / Garden')
  })

  it('checks generationInstructions against its documented shape, naming the path', () => {
    expect(generationInstructionsProblem(null)).toBeNull()
    expect(generationInstructionsProblem({ prefix: 'A', avoid: ['b'], portraitTypes: { single: 'c' } })).toBeNull()
    expect(generationInstructionsProblem({ avoid: 'text' })).toMatch(/generationInstructions\.avoid/)
    expect(generationInstructionsProblem({ surprise: true })).toMatch(/surprise|Unrecognized/)
    expect(generationInstructionsProblem({ portraitTypes: { single: 'a {nope}' } })).toMatch(/portraitTypes\.single: Unknown variable \{nope\}/)
  })
})
