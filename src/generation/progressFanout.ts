import type { Payload } from 'payload'

import { type ProgressMode, reportProgressMode } from '@/lib/progressMode'

import { listenForProgress, type ProgressEvent } from './progressChannel'
import { eventsAfterEach } from './progressEvents'

/** How often a node without its Redis subscription reads the events of the shoots it streams. */
export const PROGRESS_POLL_MS = 5000

/**
 * How long an event that came ahead of its predecessor waits for it on pub/sub before the table is
 * read. Two changes of one shoot committed close together (its images run in parallel) can be
 * published in the other order; reading the table at once would find the earlier one not yet
 * committed and read again and again (a loaded CI machine saw 23 reads for 9 changes).
 */
export const PROGRESS_GAP_WAIT_MS = 250

/**
 * One open progress stream. `sent` is the last seq it wrote; while `opening`, events wait in it;
 * `held` keeps events that came ahead of a missing one, by seq, until it arrives.
 */
interface Watcher {
  sent: number
  opening: ProgressEvent[] | null
  held: Map<number, ProgressEvent>
  write: (event: ProgressEvent) => void
}

interface Fanout {
  payload: Payload
  mode: ProgressMode
  watchers: Map<number, Set<Watcher>>
  timer: NodeJS.Timeout | null
  pulling: Promise<void> | null
  again: Set<number>
  /** Shoots whose watchers hold events ahead of a gap: the table is read for them when this fires. */
  gapTimers: Map<number, NodeJS.Timeout>
  /** The subscription was up and went down (logged); a first connection is no loss. */
  lost: boolean
}

// On globalThis: Next.js bundles the API routes separately; one registry and subscription per process.
const holder = globalThis as typeof globalThis & { __photoPackagesProgressFanout?: Fanout }

const offer = (fanout: Fanout, watcher: Watcher, event: ProgressEvent) => {
  if (watcher.opening) {
    watcher.opening.push(event)
    return
  }
  if (event.seq <= watcher.sent) return
  // A change not heard of yet: it may still come (published out of order), or never (pub/sub keeps
  // nothing while a connection is down). Hold this one; if the gap is still there after
  // PROGRESS_GAP_WAIT_MS, read the missing ones from the table, once for every watcher of the shoot.
  if (watcher.sent > 0 && event.seq > watcher.sent + 1) {
    watcher.held.set(event.seq, event)
    readGapLater(fanout, event.generationId)
    return
  }
  watcher.sent = event.seq
  watcher.write(event)
  for (let next = watcher.held.get(watcher.sent + 1); next; next = watcher.held.get(watcher.sent + 1)) {
    watcher.held.delete(next.seq)
    watcher.sent = next.seq
    watcher.write(next)
  }
  for (const seq of watcher.held.keys()) if (seq <= watcher.sent) watcher.held.delete(seq)
}

/** Reads `generationId`'s events from the table after PROGRESS_GAP_WAIT_MS if a watcher still has a gap. */
const readGapLater = (fanout: Fanout, generationId: number) => {
  if (fanout.gapTimers.has(generationId)) return
  const timer = setTimeout(() => {
    fanout.gapTimers.delete(generationId)
    const watchers = fanout.watchers.get(generationId) ?? []
    if ([...watchers].some((watcher) => watcher.held.size > 0)) void pull(fanout, [generationId])
  }, PROGRESS_GAP_WAIT_MS)
  timer.unref()
  fanout.gapTimers.set(generationId, timer)
}

const deliver = (fanout: Fanout, event: ProgressEvent) => {
  for (const watcher of fanout.watchers.get(event.generationId) ?? []) offer(fanout, watcher, event)
}

/**
 * Reads, in one query, the events after what each watcher of `ids` has been sent, and delivers
 * them. Calls made while one runs are merged into one more run after it.
 */
const pull = (fanout: Fanout, ids: number[]): Promise<void> => {
  for (const id of ids) fanout.again.add(id)
  if (fanout.pulling) return fanout.pulling
  fanout.pulling = (async () => {
    while (fanout.again.size) {
      const after = new Map<number, number>()
      for (const id of fanout.again) {
        const sent = [...(fanout.watchers.get(id) ?? [])].filter((w) => !w.opening).map((w) => w.sent)
        if (sent.length) after.set(id, Math.min(...sent))
      }
      fanout.again.clear()
      try {
        for (const event of await eventsAfterEach(fanout.payload, after)) deliver(fanout, event)
      } catch (error) {
        fanout.payload.logger.warn({ err: error, msg: 'progress: could not read the events table' })
      }
    }
  })().finally(() => {
    fanout.pulling = null
  })
  return fanout.pulling
}

const setMode = (fanout: Fanout, mode: ProgressMode) => {
  const was = fanout.mode
  fanout.mode = mode
  reportProgressMode(mode)
  if (mode === 'polling' && !fanout.timer) {
    fanout.lost = was === 'pubsub'
    if (fanout.lost)
      fanout.payload.logger.warn(
        `progress: Redis lost; reading the events table every ${PROGRESS_POLL_MS / 1000} s`,
      )
    fanout.timer = setInterval(() => void pull(fanout, [...fanout.watchers.keys()]), PROGRESS_POLL_MS)
    fanout.timer.unref()
  }
  if (mode !== 'polling' && fanout.timer) {
    clearInterval(fanout.timer)
    fanout.timer = null
    if (was === 'polling' && fanout.lost)
      fanout.payload.logger.info('progress: Redis back; following changes through pub/sub again')
    fanout.lost = false
  }
  // Back on pub/sub: what was committed while the subscription was down comes from the table.
  if (mode === 'pubsub' && was !== 'pubsub') void pull(fanout, [...fanout.watchers.keys()])
}

const fanoutOf = (payload: Payload): Fanout => {
  if (holder.__photoPackagesProgressFanout) return holder.__photoPackagesProgressFanout
  const fanout: Fanout = {
    payload,
    mode: 'polling',
    watchers: new Map(),
    timer: null,
    pulling: null,
    again: new Set(),
    gapTimers: new Map(),
    lost: false,
  }
  holder.__photoPackagesProgressFanout = fanout
  listenForProgress(
    (event) => deliver(fanout, event),
    (mode) => setMode(fanout, mode),
  )
  return fanout
}

/** Starts this node's subscription (once) before its first stream, so readiness reports its mode. */
export const startProgressFanout = (payload: Payload): void => void fanoutOf(payload)

export interface ProgressWatch {
  /** The opening state was written up to `seq`: write what came meanwhile, then every new event. */
  opened: (seq: number) => void
  stop: () => void
}

/**
 * Registers a stream for `generationId`'s events on this node, before the stream reads its opening
 * state (so nothing committed in between is lost: events wait until `opened`). Each event reaches
 * `write` once, in seq order, with no gap. The caller checked the owner first: the registry hands
 * a stream the events of the one generation it asked for.
 */
export const watchProgress = (
  payload: Payload,
  generationId: number,
  write: (event: ProgressEvent) => void,
): ProgressWatch => {
  const fanout = fanoutOf(payload)
  const watcher: Watcher = { sent: 0, opening: [], held: new Map(), write }
  let set = fanout.watchers.get(generationId)
  if (!set) fanout.watchers.set(generationId, (set = new Set()))
  set.add(watcher)
  return {
    opened: (seq) => {
      const waiting = watcher.opening ?? []
      watcher.sent = seq
      watcher.opening = null
      for (const event of waiting.sort((a, b) => a.seq - b.seq)) offer(fanout, watcher, event)
    },
    stop: () => {
      set.delete(watcher)
      if (set.size === 0 && fanout.watchers.get(generationId) === set) fanout.watchers.delete(generationId)
    },
  }
}
