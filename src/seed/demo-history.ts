import { eq } from 'drizzle-orm'
import type { Database } from '../db/client'
import { people, units } from '../db/schema'
import type { Category } from '../domain/categories'
import { DAY_MS, HOUR_MS, ManualClock } from '../domain/clock'
import { addDays, dayOfWeek, localDate, zonedInstant } from '../domain/local-time'
import type { Actor } from '../domain/roles'
import { applyComplaintCommand, receiveComplaint } from '../services/complaints'
import { cachedCalendar, type ServiceContext } from '../services/context'
import { applyHazardCommand, reportHazard } from '../services/hazards'
import { recordPatrol, recordSupervision } from '../services/patrols'

/**
 * A realistic few weeks for the demo city, so every console page and report has content: daily patrols,
 * hazards in every state (open, rectifying, awaiting verification, closed, voided, listed, an unassigned
 * major one), complaints handled on time, late and still open, and supervisions. Deterministic: the same
 * history every time.
 */
const STREETS = ['柳叶湖大道', '朗州路', '武陵大道', '洞庭大道', '皂果路', '人民路', '建设路', '桃花源路']
/** Roughly where each street runs in the demo city (Changde), so the hazard map has something to show. */
const STREET_POINTS: Record<string, [latitude: number, longitude: number]> = {
  柳叶湖大道: [29.0712, 111.7286],
  朗州路: [29.0402, 111.6951],
  武陵大道: [29.0316, 111.6985],
  洞庭大道: [29.0349, 111.6858],
  皂果路: [29.0218, 111.7102],
  人民路: [29.0281, 111.6917],
  建设路: [29.0376, 111.7034],
  桃花源路: [29.0455, 111.6789],
}

/** A point along the street, spread by the record's number so points do not stack (no draw from the RNG). */
function placeOn(street: string, n: number): { latitude: number; longitude: number } {
  const [latitude, longitude] = STREET_POINTS[street] ?? [29.0316, 111.6985]
  return { latitude: latitude + (((n * 37) % 11) - 5) * 0.0007, longitude: longitude + (((n * 53) % 13) - 6) * 0.0009 }
}

const PROBLEMS: [string, Category][] = [
  ['井盖缺失', 'road_municipal'],
  ['路面坑洼', 'road_municipal'],
  ['桥梁护栏松动', 'bridge'],
  ['燃气管道标识缺失', 'gas'],
  ['脚手架未设防护网', 'construction_site'],
  ['人行道开挖未回填', 'sidewalk_excavation'],
  ['行道树倒伏', 'greenery_park'],
  ['消防栓漏水', 'water_hydrant'],
]
const COMPLAINTS: [string, Category][] = [
  ['路灯不亮', 'road_municipal'],
  ['窨井盖松动', 'road_municipal'],
  ['小区楼下有燃气味', 'gas'],
  ['工地夜间施工扬尘大', 'construction_site'],
  ['人行道被占用堆放建材', 'sidewalk_excavation'],
  ['公园树枝断裂悬挂', 'greenery_park'],
  ['供水管道漏水', 'water_hydrant'],
]

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

export async function seedDemoHistory(
  db: Database,
  options: { now: Date; timeZone: string; days?: number },
): Promise<{ patrols: number; hazards: number; complaints: number }> {
  const tz = options.timeZone
  const clock = new ManualClock(options.now)
  const ctx: ServiceContext = {
    db,
    clock,
    timeZone: tz,
    complaintClocks: { signForHours: 2, handlingHours: 24 },
    calendar: cachedCalendar(db),
  }
  const byName = async (name: string): Promise<Actor> => {
    const [p] = await db.select().from(people).where(eq(people.name, name))
    if (!p) throw new Error(`demo person ${name} missing`)
    return { personId: p.id, role: p.role, unitId: p.unitId }
  }
  const staff = await byName('张伟')
  const handler = await byName('李娜')
  const supervisor = await byName('陈刚')
  const duty = await byName('赵敏')
  const [shizheng] = await db.select().from(units).where(eq(units.code, 'shizheng'))
  const inspected = await db.select().from(units).where(eq(units.kind, 'patrol'))
  if (!shizheng || supervisor.unitId === null) throw new Error('demo city missing')
  // Units whose demo handler can answer complaints.
  const handlers = new Map<number, Actor>()
  for (const name of ['李娜', '王强']) {
    const actor = await byName(name)
    if (actor.unitId !== null) handlers.set(actor.unitId, actor)
  }
  const rnd = random(20261123)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const today = localDate(options.now, tz)
  const days = options.days ?? 21
  const counts = { patrols: 0, hazards: 0, complaints: 0 }
  // The demo city went live when its history starts: the assessment counts nothing before it.
  await db.update(units).set({ goLiveOn: addDays(today, -days) })

  for (let back = days; back >= 1; back--) {
    const day = addDays(today, -back)
    const weekend = [0, 6].includes(dayOfWeek(day))
    if (!weekend) {
      clock.set(zonedInstant(day, tz, 11, 30))
      const found = rnd() < 0.6 ? [pick(PROBLEMS)] : []
      const street = pick(STREETS)
      const { hazards } = await recordPatrol({
        ctx,
        input: {
          unitId: shizheng.id,
          startedAt: zonedInstant(day, tz, 9),
          endedAt: zonedInstant(day, tz, 11),
          area: street,
          patrollers: '张伟、王刚',
          staffCount: 2,
          vehicleCount: 1,
          handlingResult: found.length ? '已设围挡并通知责任单位' : undefined,
          hazards: found.map(([description, category]) => ({
            description,
            category,
            locationText: street,
            ...placeOn(street, counts.patrols),
          })),
        },
        actor: staff,
      })
      counts.patrols++
      counts.hazards += hazards.length
      // Older hazards move along the loop; the newest stay open.
      for (const hazard of hazards) {
        if (hazard.status !== 'assigned' || hazard.unitId !== shizheng.id) continue
        const step = async (at: Date, run: () => Promise<unknown>) => {
          clock.set(at)
          await run()
        }
        const base = clock.now().getTime()
        if (back > 3)
          await step(new Date(base + 2 * HOUR_MS), () =>
            applyHazardCommand({ ctx, hazardId: hazard.id, command: { action: 'accept' }, actor: handler }),
          )
        if (back > 7) {
          await step(new Date(base + DAY_MS), () =>
            applyHazardCommand({
              ctx,
              hazardId: hazard.id,
              command: { action: 'report_rectification', note: '已整改完毕' },
              actor: handler,
            }),
          )
        }
        if (back > 10)
          await step(new Date(base + 2 * DAY_MS), () =>
            applyHazardCommand({ ctx, hazardId: hazard.id, command: { action: 'verify_pass' }, actor: supervisor }),
          )
      }
      if (back % 3 === 0) {
        clock.set(zonedInstant(day, tz, 15))
        await recordSupervision({
          ctx,
          input: {
            supervisorUnitId: supervisor.unitId,
            inspectedUnitId: pick(inspected).id,
            lead: '陈刚',
            members: '督查组',
            inspectedAt: zonedInstant(day, tz, 14),
            matters: '日巡查台账、隐患整改落实情况',
            problems: rnd() < 0.5 ? '台账记录不完整' : undefined,
            requirements: '按期整改',
          },
          actor: supervisor,
        })
      }
    }
    // Citizens write every day; most complaints are handled within the day, some late, a few not at all yet.
    for (let n = 0; n < 2; n++) {
      const [description, category] = COMPLAINTS[(back * 2 + n) % COMPLAINTS.length] as [string, Category]
      clock.set(zonedInstant(day, tz, 9 + n * 5))
      const complaint = await receiveComplaint({
        ctx,
        input: {
          channel: 'console',
          category,
          description: `${pick(STREETS)}${description}`,
          locationText: pick(STREETS),
        },
      })
      counts.complaints++
      const unitHandler = complaint.unitId === null ? undefined : handlers.get(complaint.unitId)
      if (!unitHandler) continue
      const fate = rnd()
      if (back <= 1 && fate < 0.5) continue
      clock.set(new Date(complaint.receivedAt.getTime() + HOUR_MS))
      await applyComplaintCommand({ ctx, complaintId: complaint.id, command: { action: 'accept' }, actor: unitHandler })
      clock.set(new Date(complaint.receivedAt.getTime() + (fate < 0.75 ? 6 : 30) * HOUR_MS))
      await applyComplaintCommand({
        ctx,
        complaintId: complaint.id,
        command: { action: 'reply', outcome: '已现场处理完毕' },
        actor: unitHandler,
      })
      await applyComplaintCommand({ ctx, complaintId: complaint.id, command: { action: 'close' }, actor: duty })
    }
  }
  // A few fixed cases so every state of the loop is on show, whatever the random walk did.
  clock.set(zonedInstant(addDays(today, -2), tz, 10))
  const fixed = async (description: string, level: 'general' | 'major') =>
    reportHazard({
      ctx,
      input: {
        description,
        category: 'road_municipal',
        level,
        locationText: '朗州路',
        ...placeOn('朗州路', description.length),
      },
      actor: staff,
    })
  await fixed('道路塌陷形成深坑，存在重大安全隐患', 'major')
  const voided = await fixed('重复上报的井盖缺失', 'general')
  await applyHazardCommand({
    ctx,
    hazardId: voided.id,
    command: { action: 'void', reason: '与已有隐患重复' },
    actor: supervisor,
  })
  // A major hazard with its 五落实, assigned and listed for supervision (挂牌督办).
  const listed = await fixed('路面沉降反复出现，存在塌陷风险', 'major')
  await applyHazardCommand({
    ctx,
    hazardId: listed.id,
    command: {
      action: 'assign',
      unitId: shizheng.id,
      fiveFixes: {
        responsibility: '市政建设总公司养护科',
        measures: '设置围挡，注浆加固后重铺路面',
        funding: '年度养护资金',
        timeLimit: '六周内完成',
        contingencyPlan: '沉降加剧时封闭车道',
      },
    },
    actor: supervisor,
    options: { rectifyDueAt: zonedInstant(addDays(today, 40), tz, 18) },
  })
  await applyHazardCommand({
    ctx,
    hazardId: listed.id,
    command: { action: 'list_supervision', level: 'local', reason: '多次反复沉降' },
    actor: supervisor,
  })
  const waiting = await fixed('人行道地砖松动', 'general')
  await applyHazardCommand({ ctx, hazardId: waiting.id, command: { action: 'accept' }, actor: handler })
  await applyHazardCommand({
    ctx,
    hazardId: waiting.id,
    command: { action: 'report_rectification', note: '已重新铺设' },
    actor: handler,
  })
  const working = await fixed('道路护栏缺失', 'general')
  await applyHazardCommand({ ctx, hazardId: working.id, command: { action: 'accept' }, actor: handler })
  counts.hazards += 5
  return counts
}
