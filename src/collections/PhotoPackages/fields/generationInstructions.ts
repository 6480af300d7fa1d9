import type { Field } from 'payload'

import { staffOnlyField } from '@/access'
import { templateTextField } from '@/fields/templateText'
import {
  AVOID_ITEM_MAX,
  AVOID_ITEMS_MAX,
  generationInstructionsProblem,
  INSTRUCTION_TEXT_MAX,
} from '@/prompt'

const line = (name: string, description: string) =>
  templateTextField({ name, maxLength: INSTRUCTION_TEXT_MAX, admin: { description, rows: 2 } })

/**
 * A package's generation instructions as plain fields (the shape src/prompt/instructions.ts
 * documents and the prompt builder reads): a prefix and a suffix around the prompt, phrases the
 * image must avoid, and a line per portrait type. All optional; empty means none. The group's
 * own check refuses keys it does not know (an API client's "sufix"), naming the path.
 */
export const generationInstructionsField: Field = {
  name: 'generationInstructions',
  type: 'group',
  access: { read: staffOnlyField },
  validate: (value: unknown) => generationInstructionsProblem(value) ?? true,
  admin: { description: 'Optional lines the prompt builder adds to every prompt of this package.' },
  fields: [
    line('prefix', 'Before the base template. May use the same {variables}.'),
    line('suffix', 'After the theme and its style modifiers. May use the same {variables}.'),
    {
      name: 'avoid',
      type: 'text',
      hasMany: true,
      maxRows: AVOID_ITEMS_MAX,
      maxLength: AVOID_ITEM_MAX,
      admin: {
        description: `What the image must not show, one phrase at a time (Enter after each; up to ${AVOID_ITEMS_MAX}). Used word for word.`,
      },
    },
    {
      name: 'portraitTypes',
      type: 'group',
      label: 'Per portrait type',
      admin: { description: 'A line added after the base template for that kind of portrait.' },
      fields: [
        line('single', 'Single portraits.'),
        line('couple', 'Couples.'),
        line('family', 'Families, e.g. "all {familyMemberCount} people in focus".'),
      ],
    },
  ],
}
