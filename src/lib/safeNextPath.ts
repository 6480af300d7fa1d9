/**
 * Where to send the browser after sign-in: `next` only when it is a path on this site,
 * else "/". Refused: absolute and scheme URLs, protocol-relative "//host" and "/\host"
 * (browsers read "\" as "/"), control characters, and any of these hidden behind
 * percent-encoding. Pure: the sign-in form and server redirects share it.
 */
export const safeNextPath = (next: string | null | undefined): string => {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return '/'
  let decoded = next
  for (let round = 0; round < 3; round++) {
    try {
      const once = decodeURIComponent(decoded)
      if (once === decoded) break
      decoded = once
    } catch {
      return '/'
    }
  }
  for (const candidate of [next, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//')) return '/'
    if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return '/'
  }
  const base = 'http://same.origin'
  const resolved = new URL(next, base)
  if (resolved.origin !== base) return '/'
  return `${resolved.pathname}${resolved.search}${resolved.hash}`
}
