import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import journal from '../../drizzle/meta/_journal.json'
import { lockDataDirectory } from './dir-lock'
import { openThreadedPglite, type ThreadedPglite } from './pglite-thread-client'
import { preparingClient } from './prepared-statements'
import * as schema from './schema'

export type Schema = typeof schema
/** One type for both drivers: services take this and never care which database is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

export interface DatabaseHandle {
  db: Database
  kind: 'pglite' | 'postgres'
  /** Applies pending migrations; safe to call from several replicas at once. */
  migrate(): Promise<void>
  /**
   * Takes a lock only one process can hold, for as long as this process lives (a session advisory lock on
   * Postgres: a dead holder's lock goes with its connection). Undefined when another process holds it. The
   * embedded database serves one process, which always holds it.
   */
  tryExclusive(key: number): Promise<{ release(): Promise<void> } | undefined>
  close(): Promise<void>
}

/**
 * The migrations shipped beside the code: found upwards from this module, so the same code works from src/db
 * (run through tsx) and from the one-file build in dist/.
 */
let migrationsFolder: string | undefined
/** Looked up when first needed, never at import: a Worker bundle has no files to look in and never migrates. */
export function migrationsDirectory(): string {
  migrationsFolder ??= findUpwards('drizzle/meta/_journal.json', fileURLToPath(new URL('.', import.meta.url)))
  return migrationsFolder
}

function findUpwards(relative: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative.split('/')[0] as string)
    if (dirname(dir) === dir) throw new Error(`${relative} not found above ${from}`)
  }
}
const MIGRATION_LOCK_KEY = 7_240_301 // any constant; keeps concurrent start-ups from migrating twice

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; maxConnections?: number; preparedStatements?: boolean }
  | {
      kind: 'pglite'
      dataDir?: string
      /**
       * Runs the database in a thread of its own (src/db/pglite-thread.ts) so its statements never stop the
       * event loop. The server does; tests and one-off scripts keep it in-process, where it starts faster.
       */
      thread?: boolean
      /** The thread stopped without being closed: every statement fails from then on. */
      onThreadStopped?: (error: Error) => void
    }

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres')
    return openPostgres(target.url, target.maxConnections ?? 10, target.preparedStatements ?? true)
  return openPglite(target.dataDir, target.thread ?? false, target.onThreadStopped)
}

async function openPglite(
  dataDir: string | undefined,
  thread: boolean,
  onStopped?: (error: Error) => void,
): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // One process per data directory: a second server refuses to start rather than corrupt it.
  const release = dataDir ? lockDataDirectory(dataDir) : () => {}
  let client: PGlite | ThreadedPglite
  try {
    if (thread) client = await openThreadedPglite(dataDir, { onStopped })
    else {
      const inProcess = dataDir ? new PGlite(dataDir) : new PGlite()
      await inProcess.waitReady
      client = inProcess
    }
  } catch (error) {
    release()
    throw error
  }
  // drizzle's PGlite driver calls only query, exec and transaction, which the threaded client answers alike.
  const db = drizzlePglite({ client: client as PGlite, schema, casing: 'snake_case' })
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    // PGlite is single-connection and in-process: there is no second migrator to race with.
    migrate: () => migratePglite(db, { migrationsFolder: migrationsDirectory() }),
    tryExclusive: async () => ({ release: async () => {} }),
    async close() {
      await client.close()
      release()
    },
  }
}

async function openPostgres(url: string, max: number, prepare: boolean): Promise<DatabaseHandle> {
  // connect_timeout: an unreachable server fails a request in seconds (answered 503) rather than hanging it.
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 2 })
  const db = drizzlePostgres({
    client: prepare ? preparingClient(client) : client,
    schema,
    casing: 'snake_case',
  })
  return {
    db: db as unknown as Database,
    kind: 'postgres',
    async migrate() {
      // Advisory locks belong to a session, so lock and unlock on one reserved connection.
      const lockConnection = await client.reserve()
      try {
        await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`
        await migratePostgres(db, { migrationsFolder: migrationsDirectory() })
      } finally {
        await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {})
        lockConnection.release()
      }
    },
    async tryExclusive(key) {
      const connection = await client.reserve()
      try {
        const [row] = await connection<{ taken: boolean }[]>`select pg_try_advisory_lock(${key}) as taken`
        if (!row?.taken) {
          connection.release()
          return undefined
        }
      } catch (error) {
        connection.release()
        throw error
      }
      return {
        async release() {
          await connection`select pg_advisory_unlock(${key})`.catch(() => {})
          connection.release()
        },
      }
    },
    close: () => client.end({ timeout: 5 }),
  }
}

/** The migrations this build ships with, from drizzle-kit's journal. */
export const SHIPPED_MIGRATIONS = journal.entries.length

export type Readiness = { ready: true; migrations: number } | { ready: false; reason: string }

/** Database reachable and every shipped migration applied. */
export async function checkReadiness(db: Database): Promise<Readiness> {
  try {
    const rows = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    )
    const applied = Number(rowsOf<{ count: number }>(rows)[0]?.count ?? 0)
    if (applied < SHIPPED_MIGRATIONS) {
      return { ready: false, reason: `migrations pending: ${applied}/${SHIPPED_MIGRATIONS} applied` }
    }
    return { ready: true, migrations: applied }
  } catch (error) {
    return { ready: false, reason: `database unreachable: ${(error as Error).message}` }
  }
}

/** postgres.js returns an array, PGlite an object with `rows`: read either. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}
