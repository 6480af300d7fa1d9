import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bodyTimeoutMessage, timeBody } from '@server/bodyTimeout.mjs'

const rule = { timeoutMs: 600, minBytesPerSecond: 100 }

/** A server that times each body by `rule` and answers 200 with its length once it has it all. */
const startServer = async () => {
  let timedOut = 0
  const server = http.createServer((req, res) => {
    const { body } = timeBody(req, res, req, rule, () => timedOut++)
    let length = 0
    body.on('data', (chunk: Buffer) => (length += chunk.length))
    body.on('end', () =>
      res
        .writeHead(200, { connection: 'close', 'content-length': String(length).length })
        .end(String(length)),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as AddressInfo).port, timedOut: () => timedOut }
}

/** Sends a POST's headers, then `pieces` of the body `everyMs` apart; resolves with the raw answer and when it came. */
const send = (port: number, length: number, pieces: string[], everyMs: number) =>
  new Promise<{ answer: string; afterMs: number }>((resolve) => {
    const startedAt = Date.now()
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n\r\n`)
      let index = 0
      const timer = setInterval(() => {
        if (index >= pieces.length || socket.destroyed) return clearInterval(timer)
        socket.write(pieces[index++])
      }, everyMs)
    })
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve({ answer, afterMs: Date.now() - startedAt }))
    socket.setTimeout(10_000, () => socket.destroy())
  })

describe('server/bodyTimeout.mjs: a body must keep coming', () => {
  let started: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    started = await startServer()
  })
  afterAll(() => new Promise<void>((resolve) => started.server.close(() => resolve())))

  it('answers 408 naming the rule to headers followed by nothing, and to a trickle, at the deadline', async () => {
    const [stopped, trickle] = await Promise.all([
      send(started.port, 100, [], 100),
      // One byte every 100 ms: 10 B/s against a floor of 100 B/s.
      send(
        started.port,
        100,
        Array.from({ length: 100 }, () => 'x'),
        100,
      ),
    ])
    for (const { answer, afterMs } of [stopped, trickle]) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /)
      expect(answer.toLowerCase()).toContain('connection: close')
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
      expect(body).toMatchObject({ field: 'body', errors: [{ message: bodyTimeoutMessage(rule) }] })
      expect(afterMs).toBeGreaterThanOrEqual(550)
      expect(afterMs).toBeLessThan(3000)
    }
    expect(bodyTimeoutMessage(rule)).toBe(
      'The request body came too slowly: it must arrive within 0.6 s of the headers, plus 1 s for every 100 bytes sent.',
    )
    expect(started.timedOut()).toBe(2)
  })

  it('waits for a slow body that keeps the minimum rate, past the first deadline', async () => {
    // 100 bytes every 250 ms: 400 B/s, and done after 2 s (past 600 ms).
    const pieces = Array.from({ length: 8 }, () => 'y'.repeat(100))
    const { answer, afterMs } = await send(started.port, 800, pieces, 250)
    expect(answer).toMatch(/^HTTP\/1\.1 200 /)
    expect(answer.endsWith('800')).toBe(true)
    expect(afterMs).toBeGreaterThan(1500)
  })
})
