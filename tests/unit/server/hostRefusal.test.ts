import http from 'node:http'
import net from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { refuseBadHost } from '@server/refusals.mjs'

/** A real server answering 200 "ok" unless refuseBadHost answered; requests written byte for byte. */
describe('refuseBadHost (server/refusals.mjs)', () => {
  let server: http.Server
  let port = 0
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (!refuseBadHost(req, res)) res.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as net.AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const send = (hostLines: string[]) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write(
          `GET / HTTP/1.1\r\n${hostLines.map((line) => `${line}\r\n`).join('')}Connection: close\r\n\r\n`,
        ),
      )
      let answer = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => (answer += chunk))
      socket.on('end', () =>
        resolve({ status: Number(answer.split(' ')[1]), body: answer.slice(answer.indexOf('\r\n\r\n') + 4) }),
      )
      socket.on('error', reject)
    })

  it('answers 400 naming host to two Host lines, or a Host that is no host[:port]', async () => {
    for (const lines of [
      ['Host: 127.0.0.1', 'Host: localhost'],
      ['Host: localhost', 'host: localhost'],
      ['Host: 127.0.0.1, localhost'],
      ['Host: a@127.0.0.1'],
      ['Host: 127.0.0.1/x'],
      ['Host: 127.0.0.1%00'],
      ['Host: local host'],
      ['Host: [::1'],
      ['Host: example.com:80:80'],
    ]) {
      const answer = await send(lines)
      expect({ lines, status: answer.status, body: answer.body }).toEqual({
        lines,
        status: 400,
        body: expect.stringContaining('"field":"host"'),
      })
    }
  })

  it('serves one well-formed Host, and an empty one (left to the app)', async () => {
    for (const lines of [
      ['Host: localhost'],
      ['Host: LOCALHOST.'],
      ['Host: studio-b.example.com:3000'],
      ['Host: 127.0.0.1:8080'],
      ['Host: [::1]:3000'],
      ['Host: under_score.local'],
      // An empty Host (HTTP/1.1 without any is Node's own 400, requireHostHeader).
      ['Host: '],
    ]) {
      const answer = await send(lines)
      expect({ lines, status: answer.status }).toEqual({ lines, status: 200 })
    }
  })
})
