import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

/** The README's architecture rules, checked on the import statements of every file under src. */
const src = path.resolve(import.meta.dirname, '../../src')

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : files(full)
    return /\.(ts|tsx)$/.test(entry.name) && entry.name !== 'payload-types.ts' ? [full] : []
  })

const SPECIFIER =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => match[1] ?? match[2] ?? match[3])

/** The room of an import: `@/lib/x` and `./x` inside src/lib are both room "lib". */
const roomOf = (file: string, specifier: string): string | null => {
  if (specifier.startsWith('@/')) return specifier.slice(2).split('/')[0]
  if (specifier.startsWith('.'))
    return path.relative(src, path.resolve(path.dirname(file), specifier)).split(path.sep)[0]
  return null
}

/**
 * The rooms in order, top floor first: a room imports its own floor and the floors below, never
 * one above. This list is the map; every room under src is on it once.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['app', 'plugin', 'seed'], // entry points: the pages, the Payload plugin, the demo seed
  ['admin', 'components'], // UI: admin views and client components
  ['collections'], // declarative configs, with their hooks and list fields beside them
  ['endpoints', 'fields', 'hooks'], // HTTP handlers, shared fields and shared hooks
  ['next'], // the Next edge: the pages' cached reads and tag revalidation
  ['account', 'analytics', 'billing', 'catalog', 'faces', 'generation', 'promptLab', 'studios', 'uploads'], // domain
  ['access', 'email', 'ops', 'storage'], // services: access functions, e-mail, operations, stored files
  ['prompt'], // pure TypeScript
  ['lib'], // ground floor: errors, transactions, database seam, settings, queue names
  ['payload-types', 'types'], // generated and declared types
]
const floorOf = (room: string): number => FLOORS.findIndex((floor) => floor.includes(room))

const all = files(src)
const inRoom = (...rooms: string[]) =>
  all.filter((file) => rooms.includes(path.relative(src, file).split(path.sep)[0]))
const violations = (list: string[], bad: (file: string, specifier: string) => boolean): string[] =>
  list.flatMap((file) =>
    importsOf(file)
      .filter((specifier) => bad(file, specifier))
      .map((s) => `${path.relative(src, file)} imports ${s}`),
  )

const isPayloadOrNext = (specifier: string) =>
  specifier === 'payload' ||
  specifier.startsWith('payload/') ||
  specifier.startsWith('@payloadcms/') ||
  specifier === 'next' ||
  specifier.startsWith('next/') ||
  specifier === '@payload-config'

describe('architecture rules (README)', () => {
  it('0. every room is on one floor, and no room imports from a floor above its own', () => {
    const rooms = new Set(all.map((file) => path.relative(src, file).split(path.sep)[0]))
    expect(
      [...rooms].filter((room) => floorOf(room) < 0),
      'rooms missing from FLOORS',
    ).toEqual([])
    expect(FLOORS.flat().length, 'a room listed twice').toBe(new Set(FLOORS.flat()).size)
    expect(
      violations(all, (file, specifier) => {
        const room = roomOf(file, specifier)
        if (room === null) return false
        const to = floorOf(room)
        return to < 0 || to < floorOf(path.relative(src, file).split(path.sep)[0])
      }),
      'imports from a higher floor (or an unlisted room)',
    ).toEqual([])
  })

  it('1. src/prompt and the vocabulary modules import no Payload and no Next', () => {
    const pure = [...inRoom('prompt'), ...all.filter((file) => path.basename(file) === 'vocabulary.ts')]
    expect(pure.length).toBeGreaterThan(3)
    expect(violations(pure, (_file, specifier) => isPayloadOrNext(specifier))).toEqual([])
    // and nothing of ours but other pure modules
    expect(
      violations(pure, (file, specifier) => {
        const room = roomOf(file, specifier)
        return room !== null && room !== 'prompt' && !specifier.endsWith('/vocabulary')
      }),
    ).toEqual([])
  })

  it('2. src/lib imports no other room', () => {
    expect(
      violations(inRoom('lib'), (file, specifier) => {
        const room = roomOf(file, specifier)
        return room !== null && room !== 'lib'
      }),
    ).toEqual([])
  })

  it('3. only the UI rooms and the Next edge import next/* or @payload-config', () => {
    const others = all.filter(
      (file) => !['app', 'components', 'admin', 'next'].includes(path.relative(src, file).split(path.sep)[0]),
    )
    expect(
      violations(
        others,
        (_file, specifier) =>
          specifier === 'next' || specifier.startsWith('next/') || specifier === '@payload-config',
      ),
    ).toEqual([])
  })

  it('4. endpoints import domain rooms and src/access, never collection configs', () => {
    expect(
      violations(inRoom('endpoints'), (file, specifier) => roomOf(file, specifier) === 'collections'),
    ).toEqual([])
  })

  it('5. hooks live beside their collection unless shared (src/hooks holds only hooks two collections use)', () => {
    const collections = all.filter((file) => file.includes(`${path.sep}collections${path.sep}`))
    // The plugin gives a hook it imports to every collection.
    const plugin = inRoom('plugin')
    const domainCollectionCount = readdirSync(path.join(src, 'collections')).length
    const hooks = inRoom('hooks')
    // A helper of shared hooks (imported by them, './name') is used by as many collections as they are.
    const usersOf = (name: string, seen: Set<string> = new Set()): number => {
      const imports = (file: string) =>
        importsOf(file).some((specifier) => specifier === `@/hooks/${name}` || specifier === `./${name}`)
      if (plugin.some(imports)) return domainCollectionCount
      const viaHooks = hooks
        .filter((file) => imports(file) && !seen.has(file))
        .map((file) => usersOf(path.basename(file).replace(/\.tsx?$/, ''), new Set([...seen, file])))
      return Math.max(collections.filter(imports).length, ...viaHooks)
    }
    for (const shared of readdirSync(path.join(src, 'hooks'))) {
      const users = usersOf(shared.replace(/\.tsx?$/, ''))
      expect(users, `src/hooks/${shared} is used by ${users} collection(s)`).toBeGreaterThanOrEqual(2)
    }
    expect(
      inRoom('admin').filter((file) => /hooks?[/\\]|tasks?\.ts$|Hook\.ts$/.test(path.relative(src, file))),
    ).toEqual([])
  })
})
