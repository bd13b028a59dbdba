import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../src/domain/audit-vocabulary'

/** Every audit action and record kind the code writes has its Chinese label, so the log never shows a code. */
const src = fileURLToPath(new URL('../../src', import.meta.url))
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : []
  })
}

describe('the audit vocabulary', () => {
  it('labels every action and entity the services write', () => {
    const actions = new Set<string>()
    const entities = new Set<string>()
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8')
      for (const call of text.matchAll(/audited\([^{]*\{([^}]*)\}/g)) {
        for (const m of (call[1] ?? '').matchAll(/'([a-z_]+)'/g)) {
          const word = m[1] as string
          if (/entity:\s*'/.test(call[1] ?? '') && (call[1] ?? '').includes(`entity: '${word}'`)) entities.add(word)
          else actions.add(word)
        }
      }
      for (const m of text.matchAll(/settingGroup\([^)]*,\s*'([a-z_]+)'\)/g)) actions.add(m[1] as string)
      for (const m of text.matchAll(
        /insert\(auditLog\)\.values\(\{[^}]*action: '([a-z_]+)',[^}]*entity: '([a-z_]+)'/g,
      )) {
        actions.add(m[1] as string)
        entities.add(m[2] as string)
      }
    }
    expect(actions.size).toBeGreaterThan(15)
    expect(entities.size).toBeGreaterThan(10)
    expect([...actions].filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([])
    expect([...entities].filter((e) => !AUDIT_ENTITY_LABELS[e])).toEqual([])
  })
})
