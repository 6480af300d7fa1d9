import net from 'node:net'

export interface RedisLink {
  /** `redis://127.0.0.1:<port>`: give it to one node as its REDIS_URL. */
  url: string
  /** Drops every connection through the link and refuses new ones: the node loses Redis. */
  cut: () => Promise<void>
  /** Accepts connections again on the same port. */
  restore: () => Promise<void>
  close: () => Promise<void>
}

/**
 * A TCP link between one node and this machine's Redis that a test can cut and restore, as a
 * network fault or a Redis restart would, for that node alone. Bytes pass through unchanged.
 */
export const startRedisLink = async (target = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') => {
  const { hostname, port: targetPort } = new URL(target)
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(targetPort || 6379), hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve((server.address() as net.AddressInfo).port)
      })
    })
  const close = () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))
  const port = await listen(0)
  const cut = async () => {
    const closed = close()
    for (const socket of sockets) socket.destroy()
    await closed
  }
  const link: RedisLink = {
    url: `redis://127.0.0.1:${port}`,
    cut,
    restore: async () => void (await listen(port)),
    close: cut,
  }
  return link
}
