import { settings } from '@/lib/settings'

/**
 * A process-wide limit on provider calls in flight (GENERATION_CONCURRENCY, default 3).
 * It is shared by every generation, so many customers at once cannot exceed the provider
 * quota; it lives on globalThis so every bundle in a Next.js process sees one limiter.
 */
export class Semaphore {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.active++
    try {
      return await work()
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }
}

const holder = globalThis as typeof globalThis & { __photoPackagesProviderLimit?: Semaphore }

export const generationConcurrency = (): number => settings().generationConcurrency

export const providerLimiter = (): Semaphore => {
  holder.__photoPackagesProviderLimit ??= new Semaphore(generationConcurrency())
  return holder.__photoPackagesProviderLimit
}
