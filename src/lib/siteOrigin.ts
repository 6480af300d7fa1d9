/**
 * The origin a site on `hostname` is served at: the scheme and port of `linkOrigin` (settings:
 * SERVER_URL, else http://localhost at the front's port) with that hostname (the platform serves
 * every studio's site from the same process and port: http://127.0.0.1:3000 beside
 * http://localhost:3000 in the demo, https://photos.example beside https://studio.example behind
 * a proxy). Pure.
 */
export const siteOrigin = (hostname: string, linkOrigin: string): string => {
  const base = new URL(linkOrigin)
  return `${base.protocol}//${hostname}${base.port ? `:${base.port}` : ''}`
}
