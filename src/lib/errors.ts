/**
 * Errors the domain raises on purpose. Endpoints map them to their status with the message
 * as the body, so callers always get a clear 4xx instead of a 500.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new DomainError(400, message, details)
export const unauthorized = (message = 'Sign in first.') => new DomainError(401, message)
export const paymentRequired = (message: string, details?: Record<string, unknown>) =>
  new DomainError(402, message, details)
export const forbidden = (message = 'You are not allowed to do that.') => new DomainError(403, message)
export const notFound = (message: string) => new DomainError(404, message)
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(409, message, details)
export const tooManyRequests = (message: string, details?: Record<string, unknown>) =>
  new DomainError(429, message, details)
export const serviceUnavailable = (message: string) => new DomainError(503, message)
