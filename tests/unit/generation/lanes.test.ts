import { describe, expect, it } from 'vitest'

import { Lanes, lanesFor } from '@/generation/lanes'

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

/** A promise with its resolve in hand: a claim or a job that ends when the test says so. */
const deferred = <T>() => {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

/**
 * A job queue in memory, as `payload.jobs.run({ limit: 1 })` sees one: a claim takes the oldest
 * job and runs it to its end (true), or finds none (false). Counts how many run at once.
 */
const memoryQueue = () => {
  const queue: Array<() => Promise<void>> = []
  const ran: number[] = []
  let running = 0
  let peak = 0
  let claims = 0
  const claimOne = async (): Promise<boolean> => {
    claims++
    await tick()
    const job = queue.shift()
    if (!job) return false
    running++
    peak = Math.max(peak, running)
    try {
      await job()
    } finally {
      running--
    }
    return true
  }
  const push = (id: number, work: () => Promise<void> = tick) =>
    queue.push(async () => {
      await work()
      ran.push(id)
    })
  return {
    claimOne,
    push,
    ran,
    queue,
    get peak() {
      return peak
    },
    get claims() {
      return claims
    },
  }
}

const settled = async (lanes: Lanes) => {
  for (let i = 0; i < 1000 && lanes.busy > 0; i++) await tick()
  expect(lanes.busy).toBe(0)
}

describe('generation lanes', () => {
  it('runs a burst from one wake, each job once, never more at once than there are lanes', async () => {
    const q = memoryQueue()
    const lanes = new Lanes(3, q.claimOne, (error) => {
      throw error
    })
    for (let id = 0; id < 20; id++) q.push(id)
    lanes.wake()
    await settled(lanes)
    expect([...q.ran].sort((a, b) => a - b)).toEqual([...Array(20).keys()])
    expect(q.peak).toBe(3)
  })

  it('claims the next job as soon as one ends, and stops once the queue is empty', async () => {
    const q = memoryQueue()
    const lanes = new Lanes(2, q.claimOne, () => undefined)
    const first = deferred<void>()
    q.push(1, () => first.promise)
    q.push(2)
    q.push(3)
    lanes.wake()
    // Lane A holds job 1; lane B runs 2 and then 3 without another wake.
    for (let i = 0; i < 50 && q.ran.length < 2; i++) await tick()
    expect(q.ran).toEqual([2, 3])
    first.resolve()
    await settled(lanes)
    expect(q.ran).toEqual([2, 3, 1])
    // Idle lanes make no claims: the queue is asked again only on a wake.
    const claims = q.claims
    await tick()
    expect(q.claims).toBe(claims)
  })

  it('loses no wake-up: a job queued while the only lane is finding nothing is claimed without another wake', async () => {
    const answers: Array<ReturnType<typeof deferred<boolean>>> = []
    const claimOne = () => {
      const answer = deferred<boolean>()
      answers.push(answer)
      return answer.promise
    }
    const lanes = new Lanes(1, claimOne, () => undefined)
    lanes.wake()
    expect(answers).toHaveLength(1)
    // The job is queued and announced while the lane's claim is under way; that claim had
    // already looked and comes back empty.
    lanes.wake()
    expect(answers).toHaveLength(1)
    answers[0].resolve(false)
    await tick()
    // The lane looked again instead of stopping: this claim finds the job.
    expect(answers).toHaveLength(2)
    answers[1].resolve(true)
    await tick()
    expect(answers).toHaveLength(3)
    // Nothing more was announced: an empty look now ends the lane.
    answers[2].resolve(false)
    await tick()
    expect(lanes.busy).toBe(0)
    expect(answers).toHaveLength(3)
  })

  it('stops a lane whose claim throws (no spinning on a broken database); the next wake starts it again', async () => {
    const q = memoryQueue()
    const errors: unknown[] = []
    let broken = true
    const lanes = new Lanes(
      2,
      async () => {
        if (broken) throw new Error('connection refused')
        return q.claimOne()
      },
      (error) => errors.push(error),
    )
    q.push(1)
    lanes.wake()
    await settled(lanes)
    expect(errors).toHaveLength(2)
    expect(q.ran).toEqual([])
    broken = false
    lanes.wake()
    await settled(lanes)
    expect(q.ran).toEqual([1])
  })

  it('claims nothing new once stopped, and lets the running job finish', async () => {
    const q = memoryQueue()
    const lanes = new Lanes(1, q.claimOne, () => undefined)
    const job = deferred<void>()
    q.push(1, () => job.promise)
    q.push(2)
    lanes.wake()
    await tick()
    await tick()
    lanes.stop()
    job.resolve()
    await settled(lanes)
    lanes.wake()
    await settled(lanes)
    expect(q.ran).toEqual([1])
    expect(q.queue).toHaveLength(1)
  })

  it('has one lane more than provider slots, and refuses a size below one', () => {
    expect(lanesFor(3)).toBe(4)
    expect(lanesFor(1)).toBe(2)
    expect(
      () =>
        new Lanes(
          0,
          async () => false,
          () => undefined,
        ),
    ).toThrow(RangeError)
  })
})
