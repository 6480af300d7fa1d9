/**
 * The origin a request was addressed to, for same-origin checks when SERVER_URL is unset
 * (development). A browser always sends the `Host` it dialled, and a page on another site
 * cannot change it, so `Host` is the truth; Next's `request.url` is not (it names the
 * server's own hostname: a browser at http://127.0.0.1:3000 arrives as `localhost`).
 * `X-Forwarded-Host`/`-Proto` are read only with `trustProxy` (TRUST_PROXY=1): without a
 * proxy that overwrites them, any client could name any host.
 *
 * Returns `scheme://host[:port]`, e.g. `http://127.0.0.1:3000`.
 */
export const requestOrigin = (
  request: { url: string; headers: Pick<Headers, 'get'> },
  options: { publicOrigin?: string; trustProxy: boolean },
): string => {
  if (options.publicOrigin) return new URL(options.publicOrigin).origin
  const url = new URL(request.url)
  const first = (name: string) => request.headers.get(name)?.split(',')[0]?.trim() || undefined
  const forwardedHost = options.trustProxy ? first('x-forwarded-host') : undefined
  const forwardedProto = options.trustProxy ? first('x-forwarded-proto') : undefined
  const host = forwardedHost ?? first('host') ?? url.host
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? `${forwardedProto}:` : url.protocol
  try {
    return new URL(`${scheme}//${host}`).origin
  } catch {
    // A Host header that is no host at all matches no Origin a browser sends.
    return 'null-origin'
  }
}
