import type { Field, GroupField } from 'payload'

interface LikenessGroupOptions {
  /** What the group records, shown in the admin. */
  description: string
  /** The score's admin description. */
  scoreDescription: string
  /** Further numbers on the row, after faces found and expected. */
  row?: Field[]
  /** Further fields after the per-person scores. */
  after?: Field[]
}

/**
 * A likeness check's result (src/faces: the cosine similarity of each generated face to its
 * reference person's descriptor), as a portrait and a prompt-lab test render record it:
 * `score` (the lowest person's, 0-1), `passed`, `threshold` (0-1), `facesFound`, `facesExpected`,
 * and `people` as JSON `[{ label, score }]`.
 */
export const likenessGroup = ({
  description,
  scoreDescription,
  row = [],
  after = [],
}: LikenessGroupOptions): GroupField => ({
  name: 'likeness',
  type: 'group',
  admin: { description },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'score', type: 'number', min: 0, max: 1, admin: { description: scoreDescription } },
        { name: 'passed', type: 'checkbox' },
        { name: 'threshold', type: 'number', min: 0, max: 1 },
        { name: 'facesFound', type: 'number', min: 0 },
        { name: 'facesExpected', type: 'number', min: 0 },
        ...row,
      ],
    },
    { name: 'people', type: 'json', admin: { description: 'Each person’s score: [{ label, score }].' } },
    ...after,
  ],
})
