import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

/**
 * Runs `work` inside the request's database transaction, starting one when the request has
 * none. Everything written through `req` commits or rolls back together.
 */
export const inTransaction = async <T>(
  req: PayloadRequest,
  work: (req: PayloadRequest) => Promise<T>,
): Promise<T> => {
  const startedHere = await initTransaction(req)
  try {
    const result = await work(req)
    if (startedHere) await commitTransaction(req)
    return result
  } catch (error) {
    if (startedHere) await killTransaction(req)
    throw error
  }
}
