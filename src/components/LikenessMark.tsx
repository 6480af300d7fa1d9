import type { GenerationStatusView } from '@/generation/generationStatus'

type Image = GenerationStatusView['images'][number]

const percent = (score: number) => `${Math.round(score * 100)}%`

/**
 * A portrait's likeness mark: how alike the least alike person in it is to their photo (the
 * worker's face check, issue 23), each person's score on hover, and whether it took a free retry.
 * A portrait refunded for likeness says so. Nothing while it is being made or when it was not checked.
 */
export function LikenessMark({ image }: { image: Image }) {
  const likeness = image.likeness
  if (!likeness) return null
  const people = likeness.people.map((person) => `${person.label}: ${percent(person.score)}`).join(', ')
  if (image.refunded)
    return (
      <p className="small likeness likeness-refunded" data-testid={`likeness-mark-${image.index + 1}`}>
        <span className="badge badge-likeness-low">Likeness {percent(likeness.score)}</span> Refunded
      </p>
    )
  return (
    <p
      className="small likeness"
      data-testid={`likeness-mark-${image.index + 1}`}
      title={people ? `Likeness per person: ${people}` : undefined}
    >
      <span className={`badge ${likeness.passed ? 'badge-likeness' : 'badge-likeness-low'}`}>
        {likeness.passed ? '✓ ' : ''}Likeness {percent(likeness.score)}
      </span>
      {likeness.retries > 0 && (
        <span className="muted"> · made again for a closer likeness, at no charge</span>
      )}
    </p>
  )
}
