/**
 * The embedded database's own thread. PGlite runs Postgres compiled to WebAssembly, synchronously: on the
 * main thread every statement stops the event loop for as long as it runs, and under a burst the webhooks'
 * acknowledgements and /healthz waited behind it for up to a second. Here it runs beside the event loop;
 * the main thread talks to it through src/db/pglite-thread-client.ts.
 *
 * Kept free of the project's other modules (only Node and PGlite), so the thread starts quickly and loads
 * the same way under tsx, from the one-file build, and with Node's own type stripping.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { SerializedError, ThreadRequest, ThreadResponse, ThreadStart } from './pglite-protocol'

if (!parentPort) throw new Error('pglite-thread runs as a worker thread')
const port = parentPort
const start = workerData as ThreadStart

/** A transaction held open between the main thread's BEGIN and its COMMIT or ROLLBACK. */
interface OpenTransaction {
  tx: Transaction
  finish(commit: boolean): void
  /** Settles when PGlite has committed or rolled back. */
  settled: Promise<unknown>
}
const open = new Map<number, OpenTransaction>()
/** Thrown inside PGlite's transaction callback to have it roll back; never reaches the main thread. */
const ROLLBACK = Symbol('rollback')

const send = (response: ThreadResponse) => port.postMessage(response)

/**
 * Values of these types stay text (drizzle asks so for times, dates and intervals, and parses them itself);
 * the main thread applies the caller's parsers to them.
 */
function keepAsText(textTypes: number[]) {
  if (textTypes.length === 0) return undefined
  const parsers: Record<number, (value: string) => string> = {}
  for (const type of textTypes) parsers[type] = (value) => value
  return parsers
}

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error', fields: {} }
  const fields: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value
  }
  return { message: error.message, name: error.name, fields }
}

async function begin(db: PGlite, id: number, txId: number) {
  let finish: (commit: boolean) => void = () => {}
  const decided = new Promise<boolean>((resolve) => {
    finish = resolve
  })
  let began: () => void = () => {}
  const started = new Promise<void>((resolve) => {
    began = resolve
  })
  const settled = db.transaction(async (tx) => {
    open.set(txId, { tx, finish, settled })
    began()
    if (!(await decided)) throw ROLLBACK
  })
  // A BEGIN that fails never calls back: answer from whichever comes first.
  await Promise.race([started, settled])
  send({ id, ok: true })
}

async function end(id: number, txId: number, commit: boolean) {
  const transaction = open.get(txId)
  if (!transaction) throw new Error(`no open transaction ${txId}`)
  open.delete(txId)
  transaction.finish(commit)
  try {
    await transaction.settled
  } catch (error) {
    if (error !== ROLLBACK) throw error
  }
  send({ id, ok: true })
}

function target(db: PGlite, txId: number | undefined): PGlite | Transaction {
  if (txId === undefined) return db
  const transaction = open.get(txId)
  if (!transaction) throw new Error(`no open transaction ${txId}`)
  return transaction.tx
}

async function handle(db: PGlite, request: ThreadRequest): Promise<void> {
  switch (request.op) {
    case 'query': {
      const result = await target(db, request.tx).query(request.sql, request.params, {
        rowMode: request.rowMode,
        parsers: keepAsText(request.textTypes),
      })
      return send({ id: request.id, ok: true, value: result })
    }
    case 'exec': {
      const results = await target(db, request.tx).exec(request.sql, { parsers: keepAsText(request.textTypes) })
      return send({ id: request.id, ok: true, value: results })
    }
    case 'begin':
      return begin(db, request.id, request.tx)
    case 'end':
      return end(request.id, request.tx, request.commit)
    case 'close':
      await db.close()
      send({ id: request.id, ok: true })
      port.close()
      return
  }
}

async function main() {
  let db: PGlite
  try {
    db = start.dataDir ? new PGlite(start.dataDir) : new PGlite()
    await db.waitReady
  } catch (error) {
    send({ ready: false, error: serializeError(error) })
    return
  }
  port.on('message', (request: ThreadRequest) => {
    handle(db, request).catch((error: unknown) => send({ id: request.id, ok: false, error: serializeError(error) }))
  })
  send({ ready: true })
}

await main()
