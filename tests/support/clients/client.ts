/** A tiny REST client that keeps a bearer token, as a signed-in browser keeps its cookie. */
export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export class ApiClient {
  token: string | null = null

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } }
    if (this.token) (init.headers as Record<string, string>).authorization = `JWT ${this.token}`
    if (body instanceof FormData) init.body = body
    else if (typeof body === 'string') init.body = body
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
    }
    const response = await fetch(`${this.baseUrl}${path}`, init)
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path)
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request<T>('POST', path, body, headers)
  patch = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request<T>('PATCH', path, body, headers)
  delete = <T = any>(path: string) => this.request<T>('DELETE', path)

  async login(email: string, password: string): Promise<this> {
    const response = await this.post('/api/users/login', { email, password })
    if (response.status !== 200)
      throw new Error(`login failed for ${email}: ${JSON.stringify(response.body)}`)
    this.token = response.body.token
    return this
  }
}

/** The paths a Payload validation error (400) names, in order: `errors[0].data.errors[].path`. */
export const refusedPaths = (response: { body: any }): string[] =>
  (response.body?.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path)
