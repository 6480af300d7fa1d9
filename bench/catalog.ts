import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { load, type LoadResult, peakRssMiB, startProductionApp } from './support'

/**
 * The catalog under load: the production build on a fresh seeded Postgres database, the
 * cached catalog endpoints and Payload's own uncached find, against a bare node:http
 * server that returns the same JSON bytes, all in the same run.
 */
export const benchCatalog = async () => {
  const { base, server, stop } = await startProductionApp('pp_bench', {
    SEED_ADMIN_PASSWORD: 'bench-admin-pass',
  })
  const bare = http.createServer()
  try {
    const listBody = Buffer.from(await (await fetch(`${base}/api/packages`)).arrayBuffer())
    bare.on('request', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': listBody.length,
      })
      res.end(listBody)
    })
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`
    const results: LoadResult[] = []
    results.push(await load('bare node:http (same JSON bytes)', bareUrl))
    results.push(await load('GET /api/packages (cached)', `${base}/api/packages`))
    results.push(
      await load('GET /api/packages/wedding-portraits (cached)', `${base}/api/packages/wedding-portraits`),
    )
    results.push(
      await load(
        "Payload's GET /api/photo-packages?depth=1 (uncached)",
        `${base}/api/photo-packages?depth=1`,
      ),
    )
    const [bareResult, list, single, payloadFind] = results
    return {
      results,
      ratios: {
        cachedListVsBare: +(list.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3),
        cachedSingleVsBare: +(single.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3),
        cachedListVsPayloadFind: +(
          list.requestsPerSecond / Math.max(payloadFind.requestsPerSecond, 1)
        ).toFixed(2),
      },
      appPeakRssMiB: server.pid ? peakRssMiB(server.pid) : null,
    }
  } finally {
    bare.close()
    await stop()
  }
}
