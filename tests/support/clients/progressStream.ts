/** One server-sent event of a progress stream: its `id:` (the seq, null without one) and its view. */
export interface ProgressMessage {
  seq: number | null
  view: { id: number; status: string; finishedAt: string | null; progress: number } & Record<string, unknown>
  at: number
}

export interface OpenStream {
  status: number
  messages: ProgressMessage[]
  /** Comments (`: heartbeat`) seen so far. */
  comments: string[]
  /** Settles when the server ends the stream, or once `close` aborted it. */
  ended: Promise<void>
  close: () => void
}

/**
 * Opens GET `url` as an EventSource would (with `Last-Event-ID` when given) and parses the events
 * as they arrive, so a test can look at them mid-stream or drop the connection on purpose.
 */
export const openProgressStream = async (
  url: string,
  token: string,
  lastEventId?: number,
): Promise<OpenStream> => {
  const controller = new AbortController()
  const response = await fetch(url, {
    headers: {
      authorization: `JWT ${token}`,
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
    signal: controller.signal,
  })
  const messages: ProgressMessage[] = []
  const comments: string[] = []
  const decoder = new TextDecoder()
  let buffer = ''
  const ended = (async () => {
    if (!response.body) return
    const reader = response.body.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const chunk = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const lines = chunk.split('\n')
          const data = lines.find((line) => line.startsWith('data: '))
          if (!data) {
            comments.push(...lines.filter((line) => line.startsWith(':')))
            continue
          }
          const id = lines.find((line) => line.startsWith('id: '))
          messages.push({
            seq: id ? Number(id.slice(4)) : null,
            view: JSON.parse(data.slice(6)),
            at: Date.now(),
          })
        }
      }
    } catch {
      // Aborted by close().
    }
  })()
  return { status: response.status, messages, comments, ended, close: () => controller.abort() }
}
