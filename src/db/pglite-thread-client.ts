import { Worker } from 'node:worker_threads'
import type { SerializedError, ThreadCall, ThreadResponse, ThreadStart } from './pglite-protocol'

/** The caller's parsers by type id, as drizzle passes them (it keeps times, dates and intervals as text). */
type Parsers = Record<number, (value: string, typeId: number) => unknown>
interface QueryOptions {
  rowMode?: 'array' | 'object'
  parsers?: Parsers
}
interface Field {
  name: string
  dataTypeID: number
}
interface Results {
  rows: unknown[]
  fields: Field[]
  affectedRows?: number
}

/** The part of PGlite's interface drizzle's PGlite driver uses, inside a transaction and out. */
export interface PgliteQueries {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results>
  exec(sql: string, options?: QueryOptions): Promise<Results[]>
}
export interface ThreadedPglite extends PgliteQueries {
  transaction<T>(callback: (tx: PgliteQueries) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * The worker's script beside this module: the TypeScript source when running from src (tsx, vitest), the
 * built file when running from the one-file build in dist/ (dist/server/node.mjs → dist/db/pglite-thread.mjs).
 */
function threadScript(): URL {
  const here = import.meta.url
  return here.endsWith('.ts') ? new URL('./pglite-thread.ts', here) : new URL('../db/pglite-thread.mjs', here)
}

function rebuildError(serialized: SerializedError): Error {
  const error = new Error(serialized.message)
  error.name = serialized.name
  return Object.assign(error, serialized.fields)
}

/**
 * Opens the embedded database in a thread of its own and answers PGlite's calls by messages to it. Statements
 * run one at a time there, exactly as they would in-process (PGlite is one connection): a transaction holds
 * the database from BEGIN to COMMIT, and anything else waits for it.
 */
export async function openThreadedPglite(
  dataDir: string | undefined,
  options: {
    /**
     * Called once if the thread stops without being closed (PGlite aborted, out of memory). In-process such a
     * failure took the whole server down, and a supervisor restarted it; the server keeps that by exiting.
     */
    onStopped?: (error: Error) => void
    /** Another script for the thread (tests stand in a thread that fails). */
    script?: URL
  } = {},
): Promise<ThreadedPglite> {
  const worker = new Worker(options.script ?? threadScript(), { workerData: { dataDir } satisfies ThreadStart })
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 1
  let nextTransaction = 1
  let stopped: Error | undefined
  let started = false
  let closing = false

  // The thread keeps the process alive only while a call waits for it: a CLI that forgets to close still exits.
  const settle = (id: number) => {
    const entry = pending.get(id)
    pending.delete(id)
    if (pending.size === 0) worker.unref()
    return entry
  }

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (response: ThreadResponse) => {
      if ('ready' in response) {
        if (response.ready) resolve()
        else reject(rebuildError(response.error))
        return
      }
      const entry = settle(response.id)
      if (!entry) return
      if (response.ok) entry.resolve(response.value)
      else entry.reject(rebuildError(response.error))
    })
    const fail = (error: Error) => {
      if (stopped) return
      stopped = error
      reject(error)
      for (const id of [...pending.keys()]) settle(id)?.reject(error)
      if (started && !closing) options.onStopped?.(error)
    }
    worker.on('error', (error) =>
      fail(new Error(`embedded database thread failed: ${error.message}`, { cause: error })),
    )
    worker.on('exit', (code) => fail(new Error(`embedded database thread stopped (exit code ${code})`)))
  })

  function call(request: ThreadCall): Promise<unknown> {
    if (stopped) return Promise.reject(stopped)
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      if (pending.size === 1) worker.ref()
      worker.postMessage({ ...request, id })
    })
  }

  try {
    await ready
  } catch (error) {
    await worker.terminate()
    throw error
  }
  started = true
  worker.unref()

  const queries = (tx: number | undefined): PgliteQueries => ({
    async query(sql, params = [], options = {}) {
      const result = (await call({
        op: 'query',
        sql,
        params,
        rowMode: options.rowMode ?? 'object',
        textTypes: typesOf(options.parsers),
        tx,
      })) as Results
      applyParsers(result, options)
      return result
    },
    async exec(sql, options = {}) {
      const results = (await call({ op: 'exec', sql, textTypes: typesOf(options.parsers), tx })) as Results[]
      for (const result of results) applyParsers(result, options)
      return results
    },
  })

  return {
    ...queries(undefined),
    async transaction(callback) {
      const tx = nextTransaction++
      await call({ op: 'begin', tx })
      let result: Awaited<ReturnType<typeof callback>>
      try {
        result = await callback(queries(tx))
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => {})
        throw error
      }
      await call({ op: 'end', tx, commit: true })
      return result
    },
    async close() {
      if (stopped) return
      closing = true
      await call({ op: 'close' })
      stopped = new Error('embedded database closed')
      await worker.terminate()
    },
  }
}

function typesOf(parsers: Parsers | undefined): number[] {
  return parsers ? Object.keys(parsers).map(Number) : []
}

/** The thread left the parsers' types as text; the caller's parsers (functions stay on this side) apply here. */
function applyParsers(result: Results, options: QueryOptions) {
  const parsers = options.parsers
  if (!parsers) return
  const columns = result.fields
    .map((field, index) => ({ index, name: field.name, type: field.dataTypeID, parse: parsers[field.dataTypeID] }))
    .filter((column) => column.parse)
  if (columns.length === 0) return
  for (const row of result.rows) {
    for (const column of columns) {
      const record = row as Record<string | number, unknown>
      const key = Array.isArray(row) ? column.index : column.name
      const value = record[key]
      if (typeof value === 'string') record[key] = column.parse?.(value, column.type)
    }
  }
}
