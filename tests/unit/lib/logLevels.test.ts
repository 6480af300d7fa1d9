import { Writable } from 'node:stream'

import { APIError, Forbidden } from 'payload'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'

import { badRequest, serviceUnavailable } from '@/lib/errors'
import { clientErrorsAtInfo } from '@/lib/logLevels'

/** A JSON logger as payload.config.ts makes it in production, writing into `lines`. */
const capturingLogger = () => {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const logger = pino(
    {
      level: 'info',
      formatters: { level: (label: string) => ({ level: label }) },
      hooks: { logMethod: clientErrorsAtInfo },
    },
    stream,
  )
  return { logger, lines }
}

describe('log levels by status (src/lib/logLevels.ts)', () => {
  it('logs a 4xx at info with its status and message, and a 5xx or a plain error at error with its stack', () => {
    const { logger, lines } = capturingLogger()
    // As Payload's logError logs a route's error: { err }.
    logger.error({ err: new APIError("Missing 'where' query of documents to update.", 400) })
    logger.error({ err: new Forbidden() })
    logger.error({
      err: badRequest('where: name the photo-packages documents to change.', { field: 'where' }),
    })
    logger.error(badRequest('A bare error argument.'))
    // A minified class has no name: the status still decides.
    const nameless = new APIError('Nameless.', 404)
    nameless.name = ''
    logger.error({ err: nameless })
    logger.error({ err: serviceUnavailable('The image service is down.') })
    logger.error({ err: new Error('A fault of ours.') })
    logger.error({ msg: 'a plain error line' })

    expect(lines.map((line) => [line.level, line.status ?? null, line.msg ?? null])).toEqual([
      ['info', 400, "Missing 'where' query of documents to update."],
      ['info', 403, 'You are not allowed to perform this action.'],
      ['info', 400, 'where: name the photo-packages documents to change.'],
      ['info', 400, 'A bare error argument.'],
      ['info', 404, 'Nameless.'],
      ['error', null, 'The image service is down.'],
      ['error', null, 'A fault of ours.'],
      ['error', null, 'a plain error line'],
    ])
    expect((lines[5].err as { status: number }).status).toBe(503)
    expect((lines[6].err as { stack: string }).stack).toContain('A fault of ours.')
  })
})
