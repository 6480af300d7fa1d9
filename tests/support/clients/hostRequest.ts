import http from 'node:http'

export interface HostAnswer {
  status: number
  body: any
  headers: http.IncomingHttpHeaders
}

/**
 * A request with its own Host header (fetch ignores one), as a browser at that hostname sends it;
 * `headers` adds others (If-None-Match…). Resolves with the status, the parsed JSON body (null
 * when empty) and the response headers.
 */
export const requestAt = (
  base: string,
  host: string,
  method: string,
  path: string,
  { token, body, headers }: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
) =>
  new Promise<HostAnswer>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const request = http.request(
      `${base}${path}`,
      {
        method,
        headers: {
          ...headers,
          host,
          ...(token && { authorization: `JWT ${token}` }),
          ...(payload && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: response.statusCode ?? 0,
            body: text ? JSON.parse(text) : null,
            headers: response.headers,
          })
        })
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
