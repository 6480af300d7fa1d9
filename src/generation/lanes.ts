/**
 * One job at a time, in each of `size` lanes. `claimOne` claims one job, runs it to its end and
 * resolves true, or resolves false when it found none free. A lane claims again as soon as its
 * job ends and stops when a claim comes back empty; `wake()` (a job was queued, or the periodic
 * look) starts every idle lane.
 *
 * Pull, not push: a process holds at most `size` jobs, so in a burst the queue is shared out
 * among processes as their lanes free up, instead of one process claiming a batch that another,
 * idle one could have started.
 *
 * No lost wake-up: a lane stops only if no `wake()` came after its empty claim began. A job
 * queued while every lane was busy is claimed by the next lane to finish, or by the lane whose
 * claim began just before it was queued, which claims once more.
 *
 * Free of Payload (tests/unit/generation/lanes.test.ts drives it with a plain queue).
 */
export class Lanes {
  private active = 0
  private wakes = 0
  private stopped = false

  constructor(
    readonly size: number,
    private readonly claimOne: () => Promise<boolean>,
    /** A claim that threw: the lane stops (the next wake starts it again) so a broken database is not spun on. */
    private readonly onError: (error: unknown) => void,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`Lanes needs a size of 1 or more, got ${size}.`)
  }

  /** Lanes claiming or running a job right now (0..size). */
  get busy(): number {
    return this.active
  }

  /** Something may be waiting: start every idle lane, and make every lane deciding to stop look once more. */
  wake(): void {
    if (this.stopped) return
    this.wakes++
    while (this.active < this.size) void this.lane()
  }

  /** No new claims from now on; jobs already running finish on their own. */
  stop(): void {
    this.stopped = true
  }

  private async lane(): Promise<void> {
    this.active++
    try {
      while (!this.stopped) {
        const seen = this.wakes
        if (!(await this.claimOne()) && this.wakes === seen) return
      }
    } catch (error) {
      this.onError(error)
    } finally {
      this.active--
    }
  }
}

/**
 * Lanes per process for `concurrency` provider slots: one more than the slots, so while one job
 * closes (stores its last portrait, charges, claims the next) the others keep every slot busy,
 * and a burst leaves at most one job per process waiting for a slot that another process has free.
 */
export const lanesFor = (concurrency: number): number => concurrency + 1
