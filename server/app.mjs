/**
 * The Next.js app (site, admin, API) as the front's child process (server/front.mjs forks it). It
 * serves HTTP only on a Unix socket that the front alone reaches, so it may trust the client
 * address the front puts in X-Photo-Packages-Client. Messages to the front over the IPC
 * channel: `ready` once listening, and the catalog purges (src/catalog/cache.ts).
 */
import { rmSync } from 'node:fs'
import http from 'node:http'
import { fileURLToPath } from 'node:url'

import next from 'next'

import { catalogPurgeMessage, frontSettingsOrExit, onCatalogPurge } from './contract.mjs'

const { appSocket: socketPath, hostname, port } = frontSettingsOrExit()
if (!socketPath || !process.send) {
  console.error('server/app.mjs is started by server/front.mjs (npm start), not on its own.')
  process.exit(1)
}

// Every catalog change in this process (src/catalog/cache.ts announces it) goes to the front,
// which drops its copies: those of the studios named, or all.
onCatalogPurge((studios) => {
  if (process.connected) process.send(catalogPurgeMessage(studios))
})

// The public address, for the URLs Next builds; requests arrive on the socket.
const app = next({ dev: false, dir: fileURLToPath(new URL('..', import.meta.url)), hostname, port })
const handle = app.getRequestHandler()
await app.prepare()

rmSync(socketPath, { force: true })
const server = http.createServer((req, res) => handle(req, res))
// The front's sockets to this one are kept alive; they must outlive its own idle timeout (5 s).
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
server.listen(socketPath, () => process.send({ type: 'ready' }))

// The front is gone (even SIGKILLed): its IPC channel closed. Stop rather than hold the database,
// and leave no socket file behind.
process.on('exit', () => rmSync(socketPath, { force: true }))
process.on('disconnect', () => process.exit(0))
