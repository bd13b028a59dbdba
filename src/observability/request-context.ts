import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The request a piece of work belongs to, carried through everything it awaits: log lines, the inbox row a
 * webhook stores, the outbox rows its processing queues, and the platform calls that send them all name the
 * same id. Work that outlives its request (a stored message processed later, a reply sent by the outbox)
 * takes the id up again from its row.
 */
const current = new AsyncLocalStorage<string>()

export function withRequestId<T>(requestId: string | null | undefined, work: () => T): T {
  return requestId ? current.run(requestId, work) : work()
}

export function currentRequestId(): string | undefined {
  return current.getStore()
}
