import type { PayloadRequest } from 'payload'

/**
 * Payload's SQL adapters keep one drizzle handle per open transaction. Raw statements that
 * must join the request's transaction (row locks, conditional updates) go through this.
 */
type SqlAdapter = {
  name: string
  drizzle: any
  sessions?: Record<string, { db: any }>
  tables: Record<string, any>
}

export const sqlAdapter = (req: PayloadRequest): SqlAdapter => req.payload.db as unknown as SqlAdapter

export const transactionDb = async (req: PayloadRequest): Promise<any> => {
  const adapter = sqlAdapter(req)
  const id = req.transactionID ? await req.transactionID : undefined
  return (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}

export const isPostgres = (req: PayloadRequest): boolean => sqlAdapter(req).name === 'postgres'
