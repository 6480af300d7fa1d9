import type { FlattenedField, SanitizedConfig } from 'payload'

/** What the request guard needs to know about one collection's REST surface. */
export interface CollectionRoutes {
  slug: string
  auth: boolean
  verify: boolean
  upload: boolean
  /** The collection keeps versions: without them Payload's `/versions` routes throw (a 500). */
  versions: boolean
  /** Upload files that anonymous visitors may not read: served private, no-store. */
  privateFiles: boolean
  /** REST is switched off (payload-migrations): every route under it is a 404. */
  noRest: boolean
  fields: Map<string, FlattenedField>
  /** First segments of the collection's custom endpoints (":id" excluded). */
  customSegments: Set<string>
  /** Methods of the collection's endpoints at one literal segment (`/resend-verification`: POST). */
  namedRouteMethods: Map<string, string[]>
  /** A custom endpoint takes any text after the slug (payload-preferences' "/:key"): no id check. */
  keyedRoutes: boolean
  /**
   * Fields whose values are text ids, not whole numbers: `id` of a collection with its own text
   * ids (image-models: Gemini's model ids), and relationships to such a collection.
   */
  textIdFields: Set<string>
}

/** One of our root-level endpoints (`/generate`, `/account/settings`...): its path as a pattern, its method. */
export interface RootEndpoint {
  pattern: RegExp
  method: string
}

export interface RouteMap {
  apiRoute: string
  cookieName: string
  collections: Map<string, CollectionRoutes>
  /** Root-level endpoints outside any collection's and the globals' routes (Payload serves no other method there). */
  rootEndpoints: RootEndpoint[]
}

/** `/packages/:slug/themes` -> /^\/packages\/[^/]+\/themes$/ (segments as Payload matches them). */
const pathPattern = (path: string): RegExp =>
  new RegExp(
    `^/${path
      .split('/')
      .filter(Boolean)
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}$`,
  )

/**
 * The methods our root-level endpoints serve at `path` (below the API route, with a leading
 * slash); empty when none of them is at that path.
 */
export const rootMethodsAt = (map: RouteMap, path: string): string[] => [
  ...new Set(map.rootEndpoints.filter((e) => e.pattern.test(path)).map((e) => e.method.toUpperCase())),
]

const AUTH_POST_ONLY = [
  'login',
  'logout',
  'refresh-token',
  'forgot-password',
  'reset-password',
  'unlock',
  'first-register',
]

/**
 * The methods Payload serves at `/api/<collection>/<segment>` for its own one-segment routes
 * (payload/dist/collections/endpoints and auth/endpoints), or null when the segment is none of
 * them nor an endpoint of the collection's own. Another method fell through to its `/:id`
 * routes, which read the segment as an id ("A value has the wrong type for its field.").
 */
export const reservedMethodsAt = (collection: CollectionRoutes, segment: string): string[] | null => {
  const payloads =
    segment === 'count' || (collection.auth && (segment === 'me' || segment === 'init'))
      ? ['GET']
      : segment === 'access' || (collection.auth && AUTH_POST_ONLY.includes(segment))
        ? ['POST']
        : []
  const methods = new Set([...payloads, ...(collection.namedRouteMethods.get(segment) ?? [])])
  return methods.size ? [...methods] : null
}

/** Payload's own sub-routes under /api/<collection>/: a second segment that is not an id. */
export const RESERVED_SEGMENTS = new Set([
  'access',
  'count',
  'file',
  'versions',
  'login',
  'logout',
  'me',
  'refresh-token',
  'forgot-password',
  'reset-password',
  'unlock',
  'verify',
  'init',
  'first-register',
])

const isPublicRead = async (access: unknown): Promise<boolean> => {
  if (typeof access !== 'function') return false
  try {
    return (await access({ req: { user: null, payload: null, context: {} } })) === true
  } catch {
    return false
  }
}

/** Reads the sanitized config once: slugs, auth and upload flags, top-level fields. */
export const buildRouteMap = async (config: SanitizedConfig): Promise<RouteMap> => {
  const collections = new Map<string, CollectionRoutes>()
  const hasTextId = (fields: FlattenedField[]) =>
    fields.some((field) => field.name === 'id' && field.type === 'text')
  const textIdSlugs = new Set(
    config.collections.filter((collection) => hasTextId(collection.flattenedFields)).map((c) => c.slug),
  )
  for (const collection of config.collections) {
    const textIdFields = new Set(
      collection.flattenedFields
        .filter(
          (field) =>
            (field.name === 'id' && field.type === 'text') ||
            ((field.type === 'relationship' || field.type === 'upload') &&
              typeof field.relationTo === 'string' &&
              textIdSlugs.has(field.relationTo)),
        )
        .map((field) => field.name),
    )
    const endpoints = Array.isArray(collection.endpoints) ? collection.endpoints : []
    const customSegments = new Set(
      endpoints
        .map((endpoint) => endpoint.path.split('/').filter(Boolean)[0])
        .filter((part) => part && !part.startsWith(':')),
    )
    const namedRouteMethods = new Map<string, string[]>()
    for (const endpoint of endpoints) {
      const parts = endpoint.path.split('/').filter(Boolean)
      if (parts.length !== 1 || parts[0].startsWith(':')) continue
      namedRouteMethods.set(parts[0], [
        ...(namedRouteMethods.get(parts[0]) ?? []),
        endpoint.method.toUpperCase(),
      ])
    }
    const upload = Boolean(collection.upload)
    collections.set(collection.slug, {
      slug: collection.slug,
      auth: Boolean(collection.auth),
      verify: Boolean(collection.auth && collection.auth.verify),
      upload,
      versions: Boolean(collection.versions),
      privateFiles: upload && !(await isPublicRead(collection.access?.read)),
      noRest: collection.endpoints === false,
      fields: new Map(collection.flattenedFields.map((field) => [field.name, field])),
      customSegments: customSegments as Set<string>,
      namedRouteMethods,
      // A collection with its own text ids (image-models: Gemini's model ids) takes any text too.
      keyedRoutes:
        endpoints.some((endpoint) => /^\/?:(?!id(\/|$))/.test(endpoint.path)) ||
        textIdSlugs.has(collection.slug),
      textIdFields,
    })
  }
  const rootEndpoints = (Array.isArray(config.endpoints) ? config.endpoints : [])
    .filter((endpoint) => {
      const first = endpoint.path.split('/').filter(Boolean)[0] ?? ''
      return !collections.has(first) && first !== 'globals' && !first.startsWith(':')
    })
    .map((endpoint) => ({ pattern: pathPattern(endpoint.path), method: endpoint.method }))
  return {
    apiRoute: config.routes.api,
    cookieName: `${config.cookiePrefix}-token`,
    collections,
    rootEndpoints,
  }
}
