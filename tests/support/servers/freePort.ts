import net from 'node:net'

/**
 * A TCP port on 127.0.0.1 that nothing listens on now: the kernel picks one for a listener, which is
 * closed at once. Another process may take it before the caller does; callers start their server
 * right after.
 */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
