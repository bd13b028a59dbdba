import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The embedded database belongs to one process: two servers on one data directory both run and silently lose
 * and duplicate rows. The first to open it writes its process id to a lock file (created exclusively); a second
 * refuses to start with a clear message. A lock left by a process that no longer runs (a crash, kill -9) is
 * taken over.
 */
export class DataDirectoryInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder}. Only one server may use a data directory: stop the other one, or set DATABASE_URL so several servers share PostgreSQL.`,
    )
    this.name = 'DataDirectoryInUse'
  }
}

export const LOCK_FILE = 'xunan.pid'

/** The directories this process holds: a lock naming our own id that is not here was left by an earlier
 * process with the same id (a container restarted as pid 1). */
const held = new Set<string>()

function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the directory for this process; returns the release. Throws DataDirectoryInUse when it is held. */
export function lockDataDirectory(dataDir: string, pid: number = process.pid): () => void {
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(pid), { flag: 'wx' })
      held.add(path)
      return () => {
        held.delete(path)
        try {
          if (readFileSync(path, 'utf8') === String(pid)) unlinkSync(path)
        } catch {
          // Already gone: nothing to release.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10)
      const ours = holder === pid && !held.has(path)
      if (Number.isInteger(holder) && holder > 0 && !ours && running(holder))
        throw new DataDirectoryInUse(dataDir, holder)
      // A stale lock from a process that has gone: remove it and try again.
      unlinkSync(path)
    }
  }
  throw new Error(`could not lock ${dataDir}`)
}
