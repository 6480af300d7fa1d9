import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Callers, signInCallers } from '../../support/clients/callers'
import type { ApiClient } from '../../support/clients/client'
import { uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { databaseFingerprint } from '../../support/fixtures/hostile'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const boundary = 'routesboundary'
const multipartType = `multipart/form-data; boundary=${boundary}`
/** A well-formed multipart body with one plain field and no `_payload` (Payload then has no data). */
const fieldOnly = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nRenamed\r\n--${boundary}--\r\n`

/**
 * Two REST routes a fresh tester found answering 500 on a production node: a multipart write
 * without `_payload` to a collection that takes no file, and Payload's `/versions` routes on
 * collections that keep no versions (every collection here).
 */
describe('hostile routes found on a running node', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let callers: Callers

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    callers = await signInCallers(payload, server.url, 'routes')
  })

  afterAll(async () => {
    await server?.close()
  })

  const send = async (client: ApiClient, method: string, path: string, body?: string, type?: string) => {
    const headers: Record<string, string> = {}
    if (type) headers['content-type'] = type
    if (client.token) headers.authorization = `JWT ${client.token}`
    const response = await fetch(`${server.url}${path}`, { method, headers, body })
    const text = await response.text()
    return { status: response.status, text, json: JSON.parse(text || 'null') }
  }

  it('refuses a multipart write without _payload to a collection that takes no file, naming _payload', async () => {
    const before = await databaseFingerprint(payload)
    for (const [method, path] of [
      ['POST', '/api/users'],
      ['PATCH', `/api/users/${callers.admin.id}`],
      ['POST', '/api/photo-packages'],
      ['PATCH', '/api/photo-packages/1'],
      ['POST', '/api/package-themes'],
      ['POST', '/api/credit-adjustments'],
    ]) {
      const response = await send(callers.admin, method, path, fieldOnly, multipartType)
      expect(
        { status: response.status, field: response.json?.field },
        `${method} ${path} ${response.text}`,
      ).toEqual({
        status: 400,
        field: '_payload',
      })
    }
    expect(await databaseFingerprint(payload)).toBe(before)
  })

  it('refuses a document write with no body, naming body (Payload ran its hooks on no data: a 500)', async () => {
    const before = await databaseFingerprint(payload)
    for (const [client, method, path] of [
      [callers.anonymous, 'POST', '/api/users'],
      [callers.admin, 'POST', '/api/users'],
      [callers.admin, 'PATCH', `/api/users/${callers.admin.id}`],
      [callers.admin, 'POST', '/api/photo-packages'],
      [callers.admin, 'PATCH', '/api/photo-packages/1'],
      [callers.admin, 'POST', '/api/package-themes'],
      [callers.admin, 'POST', '/api/payload-preferences'],
      [callers.customer, 'POST', '/api/photo-uploads'],
      [callers.admin, 'POST', '/api/media'],
    ] as const) {
      // No body at all, an empty one, and an empty one that says it is JSON.
      for (const type of [undefined, 'application/json']) {
        const response = await send(client, method, path, undefined, type)
        expect(
          { status: response.status, field: response.json?.field },
          `${method} ${path} (${type ?? 'no type'}) ${response.text}`,
        ).toEqual({ status: 400, field: 'body' })
      }
    }
    expect(await databaseFingerprint(payload)).toBe(before)
  })

  it('refuses a JSON body nested thousands deep with a 400 naming it (it overflowed the stack: a 500)', async () => {
    const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
    const before = await databaseFingerprint(payload)
    for (const [client, method, path] of [
      [callers.anonymous, 'POST', '/api/users/login'],
      [callers.customer, 'POST', '/api/checkout'],
      [callers.customer, 'POST', '/api/generate'],
      [callers.admin, 'POST', '/api/photo-packages'],
      [callers.admin, 'PATCH', '/api/photo-packages/1'],
    ] as const) {
      for (const body of [nested(5000), '['.repeat(20000) + ']'.repeat(20000)]) {
        const response = await send(client, method, path, body, 'application/json')
        expect({ status: response.status, field: response.json?.field }, `${method} ${path}`).toEqual({
          status: 400,
          field: 'body',
        })
      }
    }
    // Ordinary nesting still reaches the endpoint, which answers about the content.
    const shallow = await send(callers.customer, 'POST', '/api/checkout', nested(20), 'application/json')
    expect(shallow.status).toBe(400)
    expect(shallow.text).not.toMatch(/nested too deeply/)
    expect(await databaseFingerprint(payload)).toBe(before)
  })

  it('refuses a bulk PATCH or DELETE without where with a 400 naming where (the production build said "An unknown error occurred.")', async () => {
    const before = await databaseFingerprint(payload)
    const json = 'application/json'
    for (const [client, method, path, body] of [
      // The tester's sample, then the kind: a delete, another collection, a customer's own, a where that is no query.
      [callers.admin, 'PATCH', '/api/photo-packages', '{"name":"Renamed"}'],
      [callers.admin, 'DELETE', '/api/photo-packages', undefined],
      [callers.admin, 'PATCH', '/api/package-themes?depth=0', '{"name":"Renamed"}'],
      [callers.customer, 'DELETE', '/api/photo-uploads', undefined],
      [callers.admin, 'PATCH', '/api/photo-packages?where=all', '{"name":"Renamed"}'],
    ] as const) {
      const response = await send(client, method, path, body, body ? json : undefined)
      expect(
        { status: response.status, field: response.json?.field ?? response.json?.errors?.[0]?.data?.field },
        `${method} ${path} ${response.text}`,
      ).toEqual({ status: 400, field: 'where' })
      expect(response.json.errors[0].message).toMatch(/^where\b/)
    }
    // With a where, a bulk change still goes through.
    const named = await send(
      callers.admin,
      'PATCH',
      '/api/photo-packages?where[id][equals]=2147483647',
      '{"name":"x"}',
      json,
    )
    expect(named.status, named.text).toBe(200)
    expect(await databaseFingerprint(payload)).toBe(before)
  })

  it('deletes a photo once when deletes arrive at once (a double click, two tabs): the others are 404, never 500', async () => {
    const client = callers.customer
    for (let round = 0; round < 3; round++) {
      const upload = await uploadPhoto(client, await portraitJpeg())
      expect(upload.status).toBe(201)
      const id = upload.body.doc.id
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => send(client, 'DELETE', `/api/photo-uploads/${id}`)),
      )
      expect(answers.map((answer) => answer.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([
        200, 404, 404, 404,
      ])
    }
  })

  it('deletes a staff document once when deletes arrive at once (a package, a theme, a user, media): the others are 404, never 500', async () => {
    const admin = callers.admin
    // A copy of a seeded document (validation passes as it does for the seed), under new names.
    const copy = async (collection: string, slug: string, overrides: Record<string, unknown>) => {
      const found = await payload.find({
        collection: collection as never,
        where: (slug ? { slug: { equals: slug } } : {}) as never,
        limit: 1,
        depth: 0,
      })
      const data: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(found.docs[0] as Record<string, unknown>)) {
        // Not the id, the timestamps, or joins (read-only lists of other documents).
        if (['id', 'createdAt', 'updatedAt'].includes(key)) continue
        if (value && typeof value === 'object' && 'docs' in (value as object)) continue
        data[key] = value
      }
      const created = await payload.create({
        collection: collection as never,
        data: { ...data, ...overrides } as never,
        overrideAccess: true,
      })
      return (created as { id: number }).id
    }
    for (let round = 0; round < 2; round++) {
      const tag = `${Date.now()}-${round}`
      const packageId = await copy('photo-packages', 'wedding-portraits', {
        name: `Parallel ${tag}`,
        slug: `parallel-${tag}`,
        isActive: false,
      })
      const themeId = await copy('package-themes', '', { package: packageId, name: `Theme ${tag}` })
      const { id: userId } = await payload.create({
        collection: 'users',
        data: { email: `parallel-${tag}@example.com`, password: 'parallel-delete-pass-7', role: 'customer' },
      })
      const media = await payload.create({
        collection: 'media',
        data: { alt: `Parallel ${tag}` },
        file: {
          data: await portraitJpeg(),
          mimetype: 'image/jpeg',
          name: `parallel-${tag}.jpg`,
          size: (await portraitJpeg()).length,
        },
        overrideAccess: true,
      })
      for (const path of [
        `/api/package-themes/${themeId}`,
        `/api/photo-packages/${packageId}`,
        `/api/users/${userId}`,
        `/api/media/${media.id}`,
      ]) {
        const answers = await Promise.all(Array.from({ length: 4 }, () => send(admin, 'DELETE', path)))
        expect(
          answers.map((answer) => answer.status).sort(),
          `${path}\n${answers.map((a) => a.text).join('\n')}`,
        ).toEqual([200, 404, 404, 404])
      }
    }
  })

  it('answers updates racing deletes of one document 200 or 404, never 403 or 500: an editor, whose access is a query', async () => {
    const image = await portraitJpeg()
    for (let round = 0; round < 6; round++) {
      const media = await payload.create({
        collection: 'media',
        data: { alt: `Racing ${Date.now()}-${round}` },
        file: { data: image, mimetype: 'image/jpeg', name: `racing-${round}.jpg`, size: image.length },
        overrideAccess: true,
      })
      const path = `/api/media/${media.id}`
      const patch = (alt: string) =>
        send(callers.editor, 'PATCH', path, JSON.stringify({ alt }), 'application/json')
      const [first, ...others] = await Promise.all([
        send(callers.editor, 'DELETE', path),
        patch('Renamed once'),
        send(callers.editor, 'DELETE', path),
        patch('Renamed twice'),
        send(callers.editor, 'DELETE', path),
      ])
      const answers = [first, ...others]
      const texts = answers.map((answer) => `${answer.status} ${answer.text.slice(0, 200)}`).join('\n')
      const deletes = [answers[0], answers[2], answers[4]].map((answer) => answer.status).sort()
      expect(deletes, texts).toEqual([200, 404, 404])
      for (const update of [answers[1], answers[3]]) expect([200, 404], texts).toContain(update.status)
    }
  })

  it('deletes a shoot once when deletes arrive at once: the others are 404, never 500', async () => {
    const client = callers.otherCustomer
    const wedding = (await send(client, 'GET', '/api/packages/wedding-portraits')).json.package
    const upload = await uploadPhoto(client, await portraitJpeg())
    const accepted = await send(
      client,
      'POST',
      '/api/generate',
      JSON.stringify({
        packageSlug: 'wedding-portraits',
        themeId: wedding.themes.find((theme: { isPremium: boolean }) => !theme.isPremium).id,
        uploadIds: [upload.body.doc.id],
        portraitType: 'single',
      }),
      'application/json',
    )
    expect(accepted.status, accepted.text).toBe(202)
    const id = (await waitForGeneration(payload, accepted.json.generationId)).id
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => send(client, 'DELETE', `/api/generations/${id}`)),
    )
    expect(answers.map((answer) => answer.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([
      200, 404, 404, 404,
    ])
  })

  it('answers 404 for the /versions routes of collections that keep no versions, for every caller', async () => {
    for (const role of ['anonymous', 'customer', 'admin'] as const) {
      for (const path of [
        '/api/users/versions',
        '/api/photo-packages/versions',
        '/api/credit-ledger/versions/1',
      ]) {
        const response = await send(callers[role], 'GET', path)
        expect(response.status, `${role} ${path} ${response.text}`).toBe(404)
      }
      const restore = await send(
        callers[role],
        'POST',
        '/api/photo-packages/versions/1',
        '{}',
        'application/json',
      )
      expect(restore.status, `${role} restore ${restore.text}`).toBe(404)
    }
  })
  it('refuses where keys Payload cannot query (a value under its operator, and/or without an index, near on a text field): 400 naming the path, never 500', async () => {
    // The fresh tester's samples (500s on the dev server), then the kind: other collections, callers, operators, JSON where.
    for (const [client, path] of [
      [callers.customer, '/api/photo-uploads?where[owner][equals][x]=1'],
      [callers.customer, '/api/photo-uploads?where[owner][in][0][x]=1'],
      [callers.customer, '/api/photo-uploads?where[filename][near]=1,2'],
      [callers.customer, '/api/photo-uploads?where[and]=1'],
      [callers.customer, '/api/generations?where[or][0][owner][not_equals][a][b]=1'],
      [callers.customer, '/api/generations?where[status][within][type]=Polygon'],
      [callers.admin, '/api/users?where[name][like][0]=a'],
      [callers.admin, '/api/photo-packages?where[or][name][equals]=x'],
      [callers.admin, '/api/photo-packages?where[id][equals][]=1'],
      [callers.editor, '/api/package-themes?where=' + encodeURIComponent('{"id":{"equals":{"x":1}}}')],
      [callers.editor, '/api/package-themes?where=' + encodeURIComponent('{"name":{"intersects":[1,2]}}')],
    ] as const) {
      const response = await send(client, 'GET', path)
      const field = response.json?.field ?? response.json?.errors?.[0]?.field
      expect(
        { status: response.status, where: String(field).startsWith('where.') },
        `${path} ${response.text}`,
      ).toEqual({
        status: 400,
        where: true,
      })
    }
    // Well-formed lists and groups still answer.
    for (const path of [
      '/api/photo-packages?where[id][in][0]=1&where[id][in][1]=2',
      '/api/photo-packages?where[id][in][]=1',
      '/api/photo-packages?where[or][0][id][equals]=1&where[or][1][slug][like]=wed',
      '/api/photo-packages?where[and][0][or][0][id][not_in]=1,2',
      '/api/photo-packages?where=' + encodeURIComponent('{"id":{"in":[1,2]}}'),
    ]) {
      const response = await send(callers.admin, 'GET', path)
      expect(response.status, `${path} ${response.text}`).toBe(200)
    }
  })
  it('answers a sign-in whose email or password is no text 400 naming it as not text, not as missing', async () => {
    // The fresh tester's samples (email as an array or object: "This field is required."), then the kind.
    for (const [body, field] of [
      [{ email: ['a@example.com'], password: 'long-enough-pass-1' }, 'email'],
      [{ email: { equals: 'a@example.com' }, password: 'long-enough-pass-1' }, 'email'],
      [{ email: 5, password: 'long-enough-pass-1' }, 'email'],
      [{ email: 'a@example.com', password: ['long-enough-pass-1'] }, 'password'],
    ] as const) {
      const response = await send(
        callers.anonymous,
        'POST',
        '/api/users/login',
        JSON.stringify(body),
        'application/json',
      )
      const error = response.json?.errors?.[0]
      expect(
        {
          status: response.status,
          path: error?.data?.errors?.[0]?.path,
          message: error?.data?.errors?.[0]?.message,
        },
        response.text,
      ).toEqual({ status: 400, path: field, message: `${field} must be text.` })
    }
  })
  it('refuses filters Payload would check in an unawaited promise or walk as text: 400 naming the path, and the process stays up', async () => {
    // The fresh tester's samples: two relationship hops (Payload 3.90 checks them in a promise it
    // never awaits; refused, its rejection went unhandled and ended the production server), 14
    // brackets (qs stops at 10 and the rest stayed text), a value with no operator (its characters
    // and String.prototype's methods were listed as paths). Then the kind: callers, collections, JSON.
    const deep = '[and][0][or][0][and][0][or][0][and][0][or][0][id][equals]'
    for (const [client, path] of [
      [callers.anonymous, '/api/package-themes?depth=0&where[package.studio.platformFeePercent][equals]=10'],
      [callers.anonymous, '/api/package-themes?where[package.studio.name][like]=x'],
      [callers.customer, '/api/package-pricing-tiers?where[or][0][package.studio.slug][equals]=x'],
      [
        callers.editor,
        '/api/package-themes?where=' + encodeURIComponent('{"package.studio.status":{"equals":"x"}}'),
      ],
      [callers.admin, `/api/photo-packages?where${deep}=1`],
      [callers.anonymous, '/api/photo-packages?where[id]=1'],
      [callers.customer, '/api/generations?where[or][0][status]=running'],
    ] as const) {
      const response = await send(client, 'GET', path)
      const field = response.json?.field ?? response.json?.errors?.[0]?.field
      const message = String(response.json?.errors?.[0]?.message ?? '')
      expect(
        {
          status: response.status,
          where: String(field).startsWith('where.'),
          junk: /trimChar|camelCase/.test(message),
        },
        `${path} ${response.text}`,
      ).toEqual({ status: 400, where: true, junk: false })
    }
    // One hop, a relation's own id, and the server still answering after all of the above.
    for (const path of [
      '/api/package-themes?where[package.slug][equals]=wedding-portraits',
      '/api/package-themes?where[package.studio][exists]=true',
      '/api/package-themes?where[package][equals]=1',
    ]) {
      const response = await send(callers.anonymous, 'GET', path)
      expect(response.status, `${path} ${response.text}`).toBe(200)
    }
  })
  it('refuses limit=0 and pagination=false (each read every row at once) with a 400 naming limit or pagination; limit=1 still answers', async () => {
    // The fresh tester's sample (limit=0 listed every theme), then the kind: pagination off, a limit
    // as a list or twice (qs gives an array; Number(['0']) is 0), another collection and caller.
    for (const [client, path, field] of [
      [callers.anonymous, '/api/package-themes?limit=0', 'limit'],
      [callers.anonymous, '/api/package-themes?limit=1001', 'limit'],
      [callers.anonymous, '/api/package-themes?pagination=false', 'pagination'],
      [callers.editor, '/api/package-themes?pagination=false&limit=1', 'pagination'],
      [callers.anonymous, '/api/package-themes?limit[]=0', 'limit'],
      [callers.anonymous, '/api/package-themes?limit[0]=0', 'limit'],
      [callers.anonymous, '/api/package-themes?limit=1&limit=0', 'limit'],
      [callers.anonymous, '/api/package-themes?limit=5&limit=6', 'limit'],
      [callers.anonymous, '/api/package-themes?depth[]=50', 'depth'],
      [callers.admin, '/api/users?limit=0&depth=0', 'limit'],
      [callers.customer, '/api/photo-uploads?pagination=false', 'pagination'],
    ] as const) {
      const response = await send(client, 'GET', path)
      expect({ status: response.status, field: response.json?.field }, `${path} ${response.text}`).toEqual({
        status: 400,
        field,
      })
    }
    expect((await send(callers.anonymous, 'GET', '/api/package-themes?limit=0')).json.error).toBe(
      'limit must be a whole number from 1 to 1000.',
    )
    const one = await send(callers.anonymous, 'GET', '/api/package-themes?limit=1&depth=0')
    expect({ status: one.status, docs: one.json.docs.length }, one.text).toEqual({ status: 200, docs: 1 })
    expect(one.json.totalDocs).toBeGreaterThan(1)
    // A bulk write's limit=0 is Payload's default there (every match of where): the admin's bulk delete sends it.
    const before = await databaseFingerprint(payload)
    const bulk = await send(
      callers.admin,
      'DELETE',
      '/api/package-themes?limit=0&where[id][equals]=2147483647',
    )
    expect(bulk.status, bulk.text).toBe(200)
    expect(await databaseFingerprint(payload)).toBe(before)
  })
  it('answers 405 with Allow for our own endpoints and Payload\'s named routes called with another method (a 404 "Route not found", or /:id\'s 400)', async () => {
    // The fresh tester's sample (PUT /api/generate), then the kind: other methods, endpoints with parameters, callers.
    for (const [client, method, path, allow] of [
      [callers.customer, 'PUT', '/api/generate', 'POST'],
      [callers.customer, 'DELETE', '/api/generate', 'POST'],
      [callers.anonymous, 'PATCH', '/api/checkout', 'POST'],
      [callers.customer, 'GET', '/api/account/settings', 'POST'],
      [callers.customer, 'POST', '/api/account/export', 'GET'],
      [callers.anonymous, 'DELETE', '/api/packages/wedding-portraits', 'GET'],
      [callers.admin, 'GET', '/api/admin/themes/1/test-render', 'POST'],
      // Payload's named routes: another method fell through to /:id ("A value has the wrong type", a 400, or a 403).
      [callers.customer, 'PATCH', '/api/users/me', 'GET'],
      [callers.customer, 'DELETE', '/api/users/me', 'GET'],
      [callers.anonymous, 'GET', '/api/users/login', 'POST'],
      [callers.customer, 'PATCH', '/api/users/logout', 'POST'],
      [callers.anonymous, 'GET', '/api/users/forgot-password', 'POST'],
      [callers.admin, 'DELETE', '/api/photo-packages/count', 'GET'],
      [callers.admin, 'PATCH', '/api/photo-packages/access', 'POST'],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: client.token ? { authorization: `JWT ${client.token}` } : {},
      })
      const body = await response.json()
      expect(
        { status: response.status, allow: response.headers.get('allow'), field: body.field },
        `${method} ${path} ${JSON.stringify(body)}`,
      ).toEqual({ status: 405, allow, field: 'method' })
    }
    // The right method, and paths that are none of ours, are answered as before.
    expect((await send(callers.anonymous, 'GET', '/api/packages/wedding-portraits')).status).toBe(200)
    expect((await send(callers.customer, 'PUT', '/api/no-such-endpoint')).status).toBe(404)
    expect((await send(callers.customer, 'GET', '/api/users/me')).json.user.id).toBe(callers.customer.id)
    expect((await send(callers.admin, 'GET', '/api/photo-packages/count')).status).toBe(200)
  })
  it('names the route parameter at fault, not "body" (a package slug, a sign-up link token)', async () => {
    for (const [method, path, field] of [
      ['GET', '/api/packages/%F0%9F%98%80', 'slug'],
      ['GET', '/api/packages/Not_A_Slug/themes', 'slug'],
      ['GET', `/api/packages/${'a'.repeat(300)}/pricing`, 'slug'],
      ['POST', `/api/users/verify/${'a'.repeat(300)}`, 'token'],
    ] as const) {
      const response = await send(callers.anonymous, method, path)
      expect({ status: response.status, field: response.json?.field }, `${path} ${response.text}`).toEqual({
        status: 400,
        field,
      })
      expect(response.json.error).toMatch(new RegExp(`^${field}: `))
    }
  })
  it('refuses two files in one upload with a 400 saying so, not "Attach a photo"', async () => {
    const jpeg = await portraitJpeg()
    for (const [client, path] of [
      [callers.customer, '/api/photo-uploads'],
      [callers.editor, '/api/admin/themes/1/test-render'],
      [callers.admin, '/api/media'],
    ] as const) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'one.jpg')
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'two.jpg')
      form.append('_payload', JSON.stringify({ portraitType: 'single', alt: 'x' }))
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `JWT ${client.token}` },
        body: form,
      })
      const text = await response.text()
      const body = JSON.parse(text)
      expect({ status: response.status, field: body.field }, `${path} ${text}`).toEqual({
        status: 400,
        field: 'file',
      })
      expect(body.error).toMatch(/one file per request/)
    }
  })
  it("serves Payload's /count of a collection that has its own /:id view (generations), and still refuses an id that is not a number", async () => {
    // The fresh tester's sample: GET /api/generations/count was read as the id "count" (a 400).
    const own = await payload.count({
      collection: 'generations',
      where: { owner: { equals: callers.customer.id } },
    })
    const count = await send(callers.customer, 'GET', '/api/generations/count')
    expect({ status: count.status, body: count.json }, count.text).toEqual({
      status: 200,
      body: { totalDocs: own.totalDocs },
    })
    const all = await payload.count({ collection: 'generations' })
    expect((await send(callers.admin, 'GET', '/api/generations/count')).json).toEqual({
      totalDocs: all.totalDocs,
    })
    expect([401, 403]).toContain((await send(callers.anonymous, 'GET', '/api/generations/count')).status)
    // Our /:id view and its sub-routes still answer numbers only; other text is not an id.
    for (const path of ['/api/generations/abc', '/api/generations/abc/events', '/api/generations/1e3']) {
      const response = await send(callers.customer, 'GET', path)
      expect({ status: response.status, field: response.json?.field }, `${path} ${response.text}`).toEqual({
        status: 404,
        field: 'id',
      })
    }
    const missing = await send(callers.customer, 'GET', '/api/generations/999999999')
    expect(missing.status, missing.text).toBe(404)
    expect(missing.json.field).toBeUndefined()
  })
  it("answers 405 with the path's own Allow for any method a collection route does not serve, and OPTIONS says the same", async () => {
    const sorted = (allow: string | null) => (allow ?? '').split(', ').filter(Boolean).sort()
    const packageId = (await payload.find({ collection: 'photo-packages', limit: 1, depth: 0 })).docs[0].id
    for (const [method, path, allow] of [
      ['PUT', `/api/photo-packages/${packageId}`, ['DELETE', 'GET', 'PATCH']],
      ['POST', `/api/photo-packages/${packageId}`, ['DELETE', 'GET', 'PATCH']],
      ['PUT', '/api/photo-packages', ['DELETE', 'GET', 'PATCH', 'POST']],
      ['PUT', '/api/generations/1/rating', ['POST']],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `JWT ${callers.admin.token}` },
      })
      const body = await response.json()
      expect(
        { status: response.status, allow: sorted(response.headers.get('allow')), field: body.field },
        `${method} ${path} ${JSON.stringify(body)}`,
      ).toEqual({ status: 405, allow: [...allow], field: 'method' })
    }
    for (const [path, allow] of [
      ['/api/generate', ['OPTIONS', 'POST']],
      [`/api/photo-packages/${packageId}`, ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH']],
      ['/api/users/me', ['GET', 'HEAD', 'OPTIONS']],
      ['/api/generations/count', ['GET', 'HEAD', 'OPTIONS']],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, { method: 'OPTIONS' })
      expect({ status: response.status, allow: sorted(response.headers.get('allow')) }, path).toEqual({
        status: 200,
        allow: [...allow],
      })
    }
    // Live preview reads a draft as a POST overridden to GET (X-Payload-HTTP-Method-Override): a GET, served.
    const themeId = (await payload.find({ collection: 'package-themes', limit: 1, depth: 0 })).docs[0].id
    for (const header of ['x-payload-http-method-override', 'x-http-method-override']) {
      const read = await fetch(`${server.url}/api/package-themes/${themeId}?depth=0`, {
        method: 'POST',
        headers: {
          authorization: `JWT ${callers.editor.token}`,
          'content-type': 'application/json',
          [header]: 'GET',
        },
        body: JSON.stringify({ name: 'Draft name' }),
      })
      expect(read.status, `${header} ${read.status}`).toBe(200)
      expect((await read.json()).id).toBe(themeId)
    }
    // Nothing served there: no Allow, and other methods stay a 404.
    expect(
      (await fetch(`${server.url}/api/no-such-endpoint`, { method: 'OPTIONS' })).headers.get('allow'),
    ).toBeNull()
    expect((await send(callers.admin, 'PUT', '/api/no-such-endpoint')).status).toBe(404)
  })
})
