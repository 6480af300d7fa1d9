/**
 * The front's child, the Next.js app: in production server/app.mjs on a Unix socket (forked, with
 * an IPC channel for `ready` and the catalog purges); in development `next dev` on a free loopback
 * port. Either way the child gets the front's per-start token for its /metrics and the port the
 * front serves on (childEnvironment).
 */
import { fork, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { childEnvironment } from './contract.mjs'

const freeLoopbackPort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })

/** Resolves once `port` on 127.0.0.1 accepts a connection (the child listens). */
const accepting = (port, app) =>
  new Promise((resolve, reject) => {
    const attempt = () => {
      if (app.exitCode !== null || app.signalCode !== null) return reject(new Error('next dev exited'))
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve()
      })
      socket.once('error', () => setTimeout(attempt, 250))
    }
    attempt()
  })

const startApp = (front) => {
  const socketPath = path.join(tmpdir(), `photo-packages-${process.pid}.sock`)
  const app = fork(new URL('./app.mjs', import.meta.url), {
    env: childEnvironment(front, { PHOTO_PACKAGES_APP_SOCKET: socketPath }),
  })
  // The child's socket file goes with the pair (the child removes it too when the front is killed).
  process.on('exit', () => rmSync(socketPath, { force: true }))
  const ready = new Promise((resolve) =>
    app.on('message', (message) => message?.type === 'ready' && resolve()),
  )
  return { target: { socketPath }, app, ready }
}

const startNextDev = async (front) => {
  const port = await freeLoopbackPort()
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const app = spawn(process.execPath, [nextBin, 'dev', '--port', String(port), '--hostname', '127.0.0.1'], {
    stdio: 'inherit',
    env: childEnvironment(front),
  })
  return { target: { host: '127.0.0.1', port }, app, ready: accepting(port, app) }
}

/**
 * Starts the child. Returns `{ target, app, ready }`: the address to proxy to (`{ socketPath }` or
 * `{ host, port }`), its ChildProcess, and a promise that resolves once it serves.
 */
export const startChild = ({ dev, internalToken, frontPort }) =>
  dev ? startNextDev({ internalToken, frontPort }) : startApp({ internalToken, frontPort })
