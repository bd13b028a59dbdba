import type { Database } from '../../src/db/client'
import { people, units } from '../../src/db/schema'
import type { Actor } from '../../src/domain/roles'

/** Lookups into the seeded city by unit code and person name, failing loudly on a typo. */
export interface CityLookup {
  unit(code: string): number
  actor(name: string): Actor
}

export async function loadCity(db: Database): Promise<CityLookup> {
  const unitIds = new Map((await db.select().from(units)).map((u) => [u.code, u.id]))
  const actors = new Map(
    (await db.select().from(people)).map((p) => [p.name, { personId: p.id, role: p.role, unitId: p.unitId } as Actor]),
  )
  return {
    unit(code) {
      const id = unitIds.get(code)
      if (id === undefined) throw new Error(`no unit ${code} in the seeded city`)
      return id
    },
    actor(name) {
      const actor = actors.get(name)
      if (!actor) throw new Error(`no person ${name} in the seeded city`)
      return actor
    },
  }
}

/** The demo city's patrol units by name, in the order they were seeded. */
/** The demo city's supervising units (source 000 (二)), the lead office 安监科 first. */
export const SUPERVISING_UNIT_NAMES = ['安监科', '建管科', '城建科', '市管网办', '市公用局'] as const

export const PATROL_UNIT_NAMES = [
  '质安处',
  '桥管处',
  '燃气办',
  '市政建设总公司',
  '道管处',
  '园林局',
  '房管局',
  '自来水公司',
] as const
