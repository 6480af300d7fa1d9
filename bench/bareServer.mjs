/**
 * The catalog benchmark's baseline, in a process of its own: a bare node:http server that
 * answers every request with the bytes of the file given as argv[2] (the app's own catalog
 * JSON). Prints `BARE <url>` once listening.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'

const body = readFileSync(process.argv[2])
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length })
  res.end(body)
})
server.listen(0, '127.0.0.1', () => console.log(`BARE http://127.0.0.1:${server.address().port}/`))
