import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { refreshThemeSeasons } from '@/catalog/seasonRefresh'
import { seasonLabel } from '@/catalog/seasonLabel'
import { catalogCacheSize } from '@/catalog/cache'

import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** A spring theme (03-10 to 03-20) goes in and out of season as the job's clock crosses midnight UTC. */
describe('the seasonal theme job', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let anonymous: ApiClient
  let editor: ApiClient
  let themeId: number
  const name = `Cherry Blossom ${Date.now()}`

  const inCatalogOn = async (day: string): Promise<boolean> => {
    const { body } = await editor.get(`/api/packages/engagement/themes?at=${day}`)
    return body.themes.some((theme: { name: string }) => theme.name === name)
  }
  const flag = async () => (await payload.findByID({ collection: 'package-themes', id: themeId })).inSeason

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    anonymous = new ApiClient(server.url)
    editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    const engagement = (
      await payload.find({ collection: 'photo-packages', where: { slug: { equals: 'engagement' } } })
    ).docs[0]
    themeId = (
      await payload.create({
        collection: 'package-themes',
        data: {
          package: engagement.id,
          name,
          settingPrompt: 'under blossoming cherry trees',
          isSeasonal: true,
          seasonStart: '03-10',
          seasonEnd: '03-20',
        },
      })
    ).id
  })

  afterAll(async () => {
    await payload.delete({ collection: 'package-themes', id: themeId })
    await server?.close()
  })

  it('moves the theme in at the start of its season and out after it, and clears the catalog cache', async () => {
    await refreshThemeSeasons(payload, new Date('2027-03-09T23:59:59.000Z'))
    expect(await flag()).toBe(false)
    expect(await inCatalogOn('2027-03-09')).toBe(false)

    await anonymous.get('/api/packages') // a cached catalog that the flip must drop
    expect(catalogCacheSize()).toBeGreaterThan(0)
    const opening = await refreshThemeSeasons(payload, new Date('2027-03-10T00:00:00.000Z'))
    expect(opening.movedIn).toContain(themeId)
    expect(await flag()).toBe(true)
    expect(await inCatalogOn('2027-03-10')).toBe(true)
    expect(catalogCacheSize()).toBe(0)

    // Running again on the same day changes nothing.
    const again = await refreshThemeSeasons(payload, new Date('2027-03-10T12:00:00.000Z'))
    expect(again.movedIn).not.toContain(themeId)
    expect(again.movedOut).not.toContain(themeId)

    const lastDay = await refreshThemeSeasons(payload, new Date('2027-03-20T23:59:59.000Z'))
    expect(lastDay.movedOut).not.toContain(themeId)
    expect(await inCatalogOn('2027-03-20')).toBe(true)

    const closing = await refreshThemeSeasons(payload, new Date('2027-03-21T00:00:00.000Z'))
    expect(closing.movedOut).toContain(themeId)
    expect(await flag()).toBe(false)
    expect(await inCatalogOn('2027-03-21')).toBe(false)
  })

  it('tells staff in the themes list when the next season starts', async () => {
    const theme = await payload.findByID({ collection: 'package-themes', id: themeId })
    expect(seasonLabel(theme, new Date('2027-03-21T08:00:00.000Z'))).toEqual({
      inSeason: false,
      label: 'Next season starts 10 Mar 2028',
    })
    expect(seasonLabel(theme, new Date('2027-03-15T08:00:00.000Z'))).toEqual({
      inSeason: true,
      label: 'In season (until 03-20)',
    })
    expect(seasonLabel({ isSeasonal: false }).label).toBe('All year')
  })

  it('sets the flag as soon as a theme is saved, and runs hourly on the maintenance queue', async () => {
    const today = new Date().toISOString().slice(5, 10)
    const always = await payload.create({
      collection: 'package-themes',
      data: {
        package: (await payload.findByID({ collection: 'package-themes', id: themeId, depth: 0 }))
          .package as number,
        name: `${name} today`,
        settingPrompt: 'a studio with paper blossoms',
        isSeasonal: true,
        seasonStart: today,
        seasonEnd: today,
      },
    })
    expect(always.inSeason).toBe(true)
    await payload.delete({ collection: 'package-themes', id: always.id })
    const task = payload.config.jobs.tasks?.find((t) => t.slug === 'refreshThemeSeasons')
    expect(task?.schedule?.[0]).toMatchObject({ queue: 'maintenance', cron: '1 * * * *' })
  })

  it('lets admins run it on demand, and no one else', async () => {
    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    expect((await anonymous.post('/api/admin/themes/refresh-seasons')).status).toBe(401)
    expect((await editor.post('/api/admin/themes/refresh-seasons')).status).toBe(403)
    const run = await admin.post('/api/admin/themes/refresh-seasons')
    expect(run.status).toBe(200)
    expect(run.body.checked).toBeGreaterThan(0)
  })
})
