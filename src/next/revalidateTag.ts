/**
 * Tells Next.js to rebuild the pages cached under `tag`; expire: 0 drops the entry at once, so
 * the next request renders fresh (not stale-while-revalidate). Outside a Next.js server (tests,
 * scripts, a job worker) there is no page cache, which Next signals by throwing: ignored.
 * Imported lazily so domain code that calls this never loads Next at import time.
 */
export const revalidateTagNow = async (tag: string): Promise<void> => {
  try {
    const { revalidateTag } = await import('next/cache')
    revalidateTag(tag, { expire: 0 })
  } catch {
    // not inside a Next.js request: nothing to revalidate
  }
}
