import { eq, sql } from 'drizzle-orm'
import type { CityDefinition } from '../../bots/default-city'
import type { Database } from '../db/client'
import {
  campaigns,
  campaignUnits,
  dutyRoster,
  identities,
  people,
  routingRules,
  supervisionAssignments,
  units,
} from '../db/schema'
import { DAY_MS } from '../domain/clock'
import { addDays, addMonths, type IsoDate, localDate, zonedInstant } from '../domain/local-time'

export interface SeedResult {
  seeded: boolean
  units: number
  people: number
}

/** True when no unit exists yet: the only state in which the demo city is loaded automatically. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(units)
  return Number(row?.count ?? 0) === 0
}

/**
 * Loads a city definition: units, routing, people with a console identity each (`demo:<key>`), and a
 * duty roster for the coming weeks. Idempotent: a database that already has units is left alone.
 */
export async function seedCity(
  db: Database,
  city: CityDefinition,
  options: { now: Date; timeZone: string; rosterDays?: number },
): Promise<SeedResult> {
  if (!(await isDatabaseEmpty(db))) return { seeded: false, units: 0, people: 0 }
  return db.transaction(async (tx) => {
    const unitIds = new Map<string, number>()
    for (const unit of city.units) {
      const [row] = await tx
        .insert(units)
        .values({ code: unit.code, name: unit.name, kind: unit.kind, leadsSupervision: unit.leads ?? false })
        .returning({ id: units.id })
      if (row) unitIds.set(unit.code, row.id)
    }
    const unitId = (code: string | undefined) => {
      if (code === undefined) return null
      const id = unitIds.get(code)
      if (id === undefined) throw new Error(`city definition names unknown unit "${code}"`)
      return id
    }
    for (const rule of city.routing) {
      await tx
        .insert(routingRules)
        .values({ category: rule.category, unitId: unitId(rule.unit) as number, keywords: rule.keywords })
    }
    const personIds = new Map<string, number>()
    for (const person of city.people) {
      const [row] = await tx
        .insert(people)
        .values({ name: person.name, role: person.role, unitId: unitId(person.unit), phone: person.phone })
        .returning({ id: people.id })
      if (!row) continue
      personIds.set(person.key, row.id)
      await tx.insert(identities).values({
        personId: row.id,
        channel: 'console',
        botId: 'default',
        externalId: `demo:${person.key}`,
        displayName: person.name,
      })
    }
    for (const unit of city.units) {
      const leaderId = unit.leader ? personIds.get(unit.leader) : undefined
      if (leaderId !== undefined) await tx.update(units).set({ leaderId }).where(eq(units.code, unit.code))
    }
    for (const duty of city.supervision ?? [])
      for (const code of duty.units)
        await tx.insert(supervisionAssignments).values({
          supervisorUnitId: unitId(duty.supervisor) as number,
          supervisedUnitId: unitId(code) as number,
          perMonth: duty.perMonth ?? 0,
          perQuarter: duty.perQuarter ?? 0,
        })
    const today = localDate(options.now, options.timeZone)
    for (const campaign of city.campaigns ?? []) {
      const [row] = await tx
        .insert(campaigns)
        .values({ name: campaign.name, startsOn: campaign.startsOn ?? firstOfMonth(addMonths(today, -3)) })
        .returning({ id: campaigns.id })
      if (!row) continue
      for (const code of campaign.units)
        await tx.insert(campaignUnits).values({ campaignId: row.id, unitId: unitId(code) as number })
    }
    const dutyOfficers = city.people.filter((p) => p.role === 'duty_officer').map((p) => personIds.get(p.key))
    const rosterDays = options.rosterDays ?? 60
    for (let i = -7; i < rosterDays && dutyOfficers.length > 0; i++) {
      const personId = dutyOfficers[(i + 7) % dutyOfficers.length]
      if (personId === undefined) continue
      // Shifts run 08:30 to 08:30 the next morning, the usual duty handover time.
      const startsAt = zonedInstant(addDays(today, i), options.timeZone, 8, 30)
      await tx.insert(dutyRoster).values({ personId, startsAt, endsAt: new Date(startsAt.getTime() + DAY_MS) })
    }
    return { seeded: true, units: city.units.length, people: city.people.length }
  })
}

function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01` as IsoDate
}
