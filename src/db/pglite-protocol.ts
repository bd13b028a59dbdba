/**
 * Messages between the server's main thread and the thread that runs the embedded database
 * (src/db/pglite-thread.ts). Types only: both sides import them, nothing here runs.
 */

/** What the main thread asks. `tx` names an open transaction; without it the statement runs on its own. */
export type ThreadCall =
  | { op: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object'; textTypes: number[]; tx?: number }
  | { op: 'exec'; sql: string; textTypes: number[]; tx?: number }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' }
export type ThreadRequest = ThreadCall & { id: number }

/** A database error's fields (SQLSTATE `code`, `detail`, `constraint`, …) survive the trip between threads. */
export interface SerializedError {
  message: string
  name: string
  fields: Record<string, string | number>
}

export type ThreadReply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: SerializedError }
/** The database opened (or failed to): sent once, before any reply. */
export type ThreadStartup = { ready: true } | { ready: false; error: SerializedError }
export type ThreadResponse = ThreadReply | ThreadStartup

/** What the thread is started with (`workerData`). */
export interface ThreadStart {
  dataDir?: string
}
