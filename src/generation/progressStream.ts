import type { PayloadRequest } from 'payload'

import type { Generation } from '@/payload-types'

import { isTerminalStatus } from './vocabulary'
import { generationStatusView } from './generationStatus'
import { eventsAfter, latestEvent, type ProgressEvent } from './progressEvents'
import { watchProgress } from './progressFanout'

/** A comment line this often, so proxies and load balancers keep an idle stream open. */
export const HEARTBEAT_MS = 15_000
/** A stream ends after this long; the page reconnects with Last-Event-ID and misses nothing. */
const MAX_STREAM_MS = 10 * 60 * 1000

/** The Last-Event-ID a reconnecting EventSource sends (a seq), or null when absent or not one. */
export const lastEventId = (req: PayloadRequest): number | null => {
  const raw = req.headers.get('last-event-id')?.trim()
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : null
}

const finished = (event: Pick<ProgressEvent, 'view'>) =>
  isTerminalStatus(event.view.status) && Boolean(event.view.finishedAt)

/**
 * The SSE response of one generation's progress, for its owner (the caller checked:
 * loadOwnGeneration). Opens with one read: the events after `Last-Event-ID` when the browser
 * reconnects, else the latest event (a generation older than the events table: its view, read
 * from the generation). Then every change as it is published, from this node's memory
 * (src/generation/progressFanout.ts): `event: status`, `id: <seq>`, `data: <GenerationStatusView>`.
 * A `: heartbeat` comment every 15 s. Ends after the closing event (finished status with its
 * finishedAt), when the client goes, or after 10 minutes. A reconnect after the closing event gets
 * 204, which tells EventSource to stop. Holds one of the node's stream slots (`release`) until it ends.
 */
export const openProgressStream = async (
  req: PayloadRequest,
  generation: Generation,
  release: () => void,
): Promise<Response> => {
  const encoder = new TextEncoder()
  const id = generation.id
  const buffered: string[] = []
  let push: (text: string) => void = (text) => void buffered.push(text)
  let closed = false
  let end: () => void = () => undefined
  const write = (event: ProgressEvent) => {
    push(`event: status\nid: ${event.seq}\ndata: ${JSON.stringify(event.view)}\n\n`)
    if (finished(event)) end()
  }
  const watch = watchProgress(req.payload, id, write)
  const heartbeat = setInterval(() => push(': heartbeat\n\n'), HEARTBEAT_MS)
  const deadline = setTimeout(() => end(), MAX_STREAM_MS)
  const stop = () => {
    clearInterval(heartbeat)
    clearTimeout(deadline)
    watch.stop()
    release()
  }
  end = () => {
    closed = true
    stop()
  }
  try {
    let after = lastEventId(req)
    let opening = after !== null ? await eventsAfter(req.payload, id, after) : []
    if (after !== null && opening.length === 0) {
      const latest = await latestEvent(req.payload, id)
      // An id past the last event recorded is not one we sent (forged, or from another database):
      // the stream opens afresh, from the current view, instead of waiting for events that never come.
      if (!latest || latest.seq < after) after = null
    }
    if (after === null && opening.length === 0)
      opening = [await latestEvent(req.payload, id)].filter((event) => event !== null)
    if (
      after !== null &&
      opening.length === 0 &&
      isTerminalStatus(generation.status) &&
      generation.finishedAt
    ) {
      stop()
      return new Response(null, { status: 204 })
    }
    if (after === null && opening.length === 0) {
      // Made before events were recorded: its view, without an id (nothing to replay from).
      const full = await req.payload.findByID({
        collection: 'generations',
        id,
        depth: 1,
        overrideAccess: true,
      })
      const view = await generationStatusView(req.payload, full as Generation)
      push(`event: status\ndata: ${JSON.stringify(view)}\n\n`)
      if (finished({ view })) end()
    }
    for (const event of opening) write(event)
    watch.opened(opening.at(-1)?.seq ?? after ?? 0)
  } catch (error) {
    stop()
    throw error
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          end()
        }
      }
      for (const text of buffered.splice(0)) send(text)
      const close = () => {
        try {
          controller.close()
        } catch {
          // Already cancelled by the client.
        }
      }
      if (closed) return close()
      push = send
      end = () => {
        if (closed) return
        closed = true
        stop()
        close()
      }
    },
    cancel() {
      closed = true
      stop()
    },
  })
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies: pass each event on at once.
      'x-accel-buffering': 'no',
    },
  })
}
