import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client'
import { DataDirectoryInUse, LOCK_FILE, lockDataDirectory } from '../../src/db/dir-lock'

/** One server per embedded data directory (issue: two servers on one directory lost and duplicated rows). */
const dirs: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xunan-lock-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the embedded database’s data directory', () => {
  it('admits one database handle at a time, with a clear message for the second, and is free again after close', async () => {
    const dir = freshDir()
    const first = await openDatabase({ kind: 'pglite', dataDir: dir })
    const second = openDatabase({ kind: 'pglite', dataDir: dir })
    await expect(second).rejects.toBeInstanceOf(DataDirectoryInUse)
    await expect(second).rejects.toThrow(
      `The embedded database in ${dir} is in use by process ${process.pid}. Only one server may use a data directory`,
    )
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid))
    await first.close()
    const again = await openDatabase({ kind: 'pglite', dataDir: dir })
    await again.close()
  })

  it('takes over a lock left by a process that has gone (kill -9, a crash)', () => {
    const dir = freshDir()
    // A process that has certainly exited: its id no longer runs.
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(join(dir, LOCK_FILE), String(gone))
    const release = lockDataDirectory(dir)
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid))
    release()
    // A lock naming this process's own id that it does not hold was left by an earlier process with the same id
    // (a container restarted as pid 1): taken over.
    writeFileSync(join(dir, LOCK_FILE), String(process.pid))
    lockDataDirectory(dir)()
    // A lock held by a running process (this one's parent) is refused.
    writeFileSync(join(dir, LOCK_FILE), String(process.ppid))
    expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryInUse)
  })
})
