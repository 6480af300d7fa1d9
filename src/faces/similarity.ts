/**
 * Cosine similarity of two face descriptors (faceres, 1024 values each): 1 for the same
 * direction, 0 for unrelated, -1 for opposite. Descriptors of different lengths, or an empty
 * or all-zero one, compare as 0 (no evidence of a match).
 */
export const cosineSimilarity = (a: readonly number[], b: readonly number[]): number => {
  if (a.length === 0 || a.length !== b.length) return 0
  let dot = 0
  let normA = 0
  let normB = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i]
    normA += a[i] * a[i]
    normB += b[i] * b[i]
  }
  if (normA === 0 || normB === 0) return 0
  return dot / Math.sqrt(normA * normB)
}

/** The best similarity of `descriptor` to any of `references` (0 when there are none). */
export const bestSimilarity = (descriptor: readonly number[], references: readonly (readonly number[])[]) =>
  references.reduce((best, reference) => Math.max(best, cosineSimilarity(descriptor, reference)), 0)
