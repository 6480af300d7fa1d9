import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { SETTING_VARIABLES } from '@/lib/settings'

/** Variables the tools set, not the operator: named in the section's text rather than in its table. */
const SET_BY_TOOLS = ['NODE_ENV', 'NEXT_PHASE', 'PHOTO_PACKAGES_INTERNAL_TOKEN', 'PHOTO_PACKAGES_FRONT_PORT']

const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8')
const section = readme.slice(
  readme.indexOf('\n## Environment\n'),
  readme.indexOf('\n## ', readme.indexOf('\n## Environment\n') + 1),
)
const tableRows = section.split('\n').filter((line) => /^\| `/.test(line))
/** The variables named in the table's first column. */
const tabled = new Set(
  tableRows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
)

describe("the README's environment table against the settings schema (src/lib/settings)", () => {
  it('has a row for every variable the schema declares', () => {
    const missing = SETTING_VARIABLES.filter((name) => !SET_BY_TOOLS.includes(name) && !tabled.has(name))
    expect(missing).toEqual([])
  })

  it('names the variables the tools set in its text', () => {
    expect(SET_BY_TOOLS.filter((name) => !section.includes(`\`${name}\``))).toEqual([])
    expect(SET_BY_TOOLS.filter((name) => !(SETTING_VARIABLES as string[]).includes(name))).toEqual([])
  })

  it('lists no variable the schema does not declare', () => {
    expect([...tabled].filter((name) => !(SETTING_VARIABLES as string[]).includes(name))).toEqual([])
  })

  it('says so in the default of each variable production refuses to start without', () => {
    // A fresh tester followed the table (SERVER_URL "empty (the request origin)") and `npm start` stopped.
    const rowOf = (name: string) => tableRows.find((row) => row.split('|')[1].includes(`\`${name}\``)) ?? ''
    const defaults = ['PAYLOAD_SECRET', 'SERVER_URL'].map((name) => [name, rowOf(name).split('|')[2]])
    expect(defaults.filter(([, text]) => !/production/.test(text ?? ''))).toEqual([])
  })
})
