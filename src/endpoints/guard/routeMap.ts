import type { FlattenedBlock, FlattenedField, SanitizedConfig } from 'payload'

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
  /** The same fields in order, nested ones inside (the relation walk of a write reads them). */
  flattenedFields: FlattenedField[]
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
  /** Every endpoint under /api/<collection>, Payload's own and ours: its path (below the slug) as a pattern, its method. */
  routes: RootEndpoint[]
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
  /** Collections with their own text ids (image-models): their relations take text, not numbers. */
  textIdSlugs: ReadonlySet<string>
  /** The config's shared blocks (a blocks field's `blockReferences`), by slug. */
  blocks: ReadonlyMap<string, FlattenedBlock>
  /** Root-level endpoints outside any collection's and the globals' routes (Payload serves no other method there). */
  rootEndpoints: RootEndpoint[]
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * An endpoint path as Payload matches it (path-to-regexp 6, not strict: a trailing slash may
 * follow): `/packages/:slug/themes`, `/:id(\\d+)` (a parameter's own pattern), `/access/:id?`
 * (an optional segment).
 */
const pathPattern = (path: string): RegExp => {
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((part) => {
      const param = /^:\w+(?:\((.+)\))?(\?)?$/.exec(part)
      if (!param) return `/${escapeRegExp(part)}`
      const segment = `/(?:${param[1] ?? '[^/]+'})`
      return param[2] ? `(?:${segment})?` : segment
    })
  return new RegExp(`^${parts.join('')}/?$`)
}

/**
 * The methods our root-level endpoints serve at `path` (below the API route, with a leading
 * slash); empty when none of them is at that path.
 */
/** The methods of the `routes` whose pattern matches `path`, upper case, each once. */
const methodsOf = (routes: RootEndpoint[], path: string): string[] => [
  ...new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method.toUpperCase())),
]

export const rootMethodsAt = (map: RouteMap, path: string): string[] => methodsOf(map.rootEndpoints, path)

interface PayloadSegment {
  methods: readonly string[]
  authOnly: boolean
}

/**
 * Payload's own routes under /api/<collection>/<segment> (payload/dist/collections/endpoints and
 * auth/endpoints): the methods each serves at that one segment (none: only deeper routes, such as
 * `/versions/:id` and `/file/:filename`), and whether only auth collections have it. A second
 * segment among these is never an id.
 */
const PAYLOAD_SEGMENTS: ReadonlyMap<string, PayloadSegment> = new Map<string, PayloadSegment>([
  ['access', { methods: ['POST'], authOnly: false }],
  ['count', { methods: ['GET'], authOnly: false }],
  ['file', { methods: [], authOnly: false }],
  ['versions', { methods: [], authOnly: false }],
  ['me', { methods: ['GET'], authOnly: true }],
  ['init', { methods: ['GET'], authOnly: true }],
  ['verify', { methods: [], authOnly: true }],
  ...[
    'login',
    'logout',
    'refresh-token',
    'forgot-password',
    'reset-password',
    'unlock',
    'first-register',
  ].map((segment) => [segment, { methods: ['POST'], authOnly: true }] as const),
])

/** Payload's own sub-routes under /api/<collection>/: a second segment that is not an id. */
export const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(PAYLOAD_SEGMENTS.keys())

/**
 * The methods Payload serves at `/api/<collection>/<segment>` for its own one-segment routes, or
 * null when the segment is none of them nor an endpoint of the collection's own. Another method
 * fell through to its `/:id` routes, which read the segment as an id ("A value has the wrong type
 * for its field.").
 */
export const reservedMethodsAt = (collection: CollectionRoutes, segment: string): string[] | null => {
  const own = PAYLOAD_SEGMENTS.get(segment)
  const payloads = own && (!own.authOnly || collection.auth) ? own.methods : []
  const methods = new Set([...payloads, ...(collection.namedRouteMethods.get(segment) ?? [])])
  return methods.size ? [...methods] : null
}

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
      flattenedFields: collection.flattenedFields,
      customSegments: customSegments as Set<string>,
      namedRouteMethods,
      // A collection with its own text ids (image-models: Gemini's model ids) takes any text too.
      // `:id` may carry a pattern (generations' `/:id(\\d+)`, leaving `/count` to Payload).
      keyedRoutes:
        endpoints.some((endpoint) => /^\/?:(?!id(\(|\/|$))/.test(endpoint.path)) ||
        textIdSlugs.has(collection.slug),
      textIdFields,
      routes: endpoints.map((endpoint) => ({ pattern: pathPattern(endpoint.path), method: endpoint.method })),
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
    textIdSlugs,
    blocks: new Map((config.blocks ?? []).map((block) => [block.slug, block])),
    rootEndpoints,
  }
}

/**
 * The methods served at an API path (`segments`: the decoded segments below the API route), as
 * Payload routes them: a collection's endpoints (its own and ours; a one-segment route of
 * Payload's before `/:id`, as reservedMethodsAt), else our root-level endpoints. Empty when nothing
 * is served there (a 404). HEAD and OPTIONS are left out: the guard's wrapper serves them wherever
 * GET, or anything, is served. RFC 9110 §10.2.1: this is the `Allow` of a 405.
 */
export const allowedMethods = (map: RouteMap, segments: string[]): string[] => {
  const [first, ...rest] = segments
  const collection = first ? map.collections.get(first) : undefined
  if (!collection) return rootMethodsAt(map, `/${segments.join('/')}`)
  if (collection.noRest) return []
  return (
    (rest.length === 1 ? reservedMethodsAt(collection, rest[0]) : null) ??
    methodsOf(collection.routes, `/${rest.join('/')}`)
  )
}

/** `Allow` for `methods`: each of them, HEAD beside GET, and OPTIONS. */
export const allowHeader = (methods: string[]): string =>
  [...new Set([...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])].join(', ')
