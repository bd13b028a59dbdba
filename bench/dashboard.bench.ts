/**
 * The leaders' dashboard page (`/console/dashboard`, the whole request: figures, the month's assessment of every
 * unit and the HTML), first on the demo city (embedded PGlite, as `npm start` runs it), then on a city with a
 * million hazards, 200,000 patrols and 100,000 complaints spread over three years (Postgres: BENCH_PG_URL, by
 * default the local server; a fresh database is created). Targets (issue #17): under 50 ms on the demo city and
 * under 200 ms on the large one.
 */
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { DEFAULT_CITY } from '../bots/default-city'
import { openDatabase } from '../src/db/client'
import { type Clock, systemClock } from '../src/domain/clock'
import { seedDemoHistory } from '../src/seed/demo-history'
import { seedCity } from '../src/seed/seed-city'
import { testApp } from '../test/helpers/app'

const TIME_ZONE = 'Asia/Shanghai'
const HAZARDS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

type Requester = { request: (path: string) => Response | Promise<Response> }

async function timePage(label: string, app: Requester, repeat = 12): Promise<void> {
  // A running server: its code loaded and its connections open (one other console page first).
  await (await app.request('/console/hazards')).text()
  const fetchPage = async () => app.request('/console/dashboard')
  const samples: number[] = []
  for (let i = 0; i < repeat; i++) {
    const start = performance.now()
    const response = await fetchPage()
    await response.text()
    samples.push(performance.now() - start)
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`)
  }
  const [first = 0, ...rest] = samples
  rest.sort((a, b) => a - b)
  const median = rest[Math.floor(rest.length / 2)] ?? 0
  console.log(
    `${label}: first ${first.toFixed(1)} ms, then median ${median.toFixed(1)} ms (min ${rest[0]?.toFixed(1)}, max ${rest.at(-1)?.toFixed(1)})`,
  )
}

const clock: Clock = systemClock

// The demo city, as `npm start` runs it.
{
  const handle = await openDatabase({ kind: 'pglite' })
  await handle.migrate()
  await seedCity(handle.db, DEFAULT_CITY, { now: clock.now(), timeZone: TIME_ZONE })
  await seedDemoHistory(handle.db, { now: clock.now(), timeZone: TIME_ZONE })
  const { app } = testApp(handle, clock, { TIME_ZONE })
  await timePage('demo city, PGlite', app)
  await handle.close()
}

// A city with a million hazards on Postgres.
{
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe('drop database if exists xunan_dashboard_bench')
  await admin.unsafe('create database xunan_dashboard_bench')
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = '/xunan_dashboard_bench'
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() })
  await handle.migrate()
  await seedCity(handle.db, DEFAULT_CITY, { now: clock.now(), timeZone: TIME_ZONE })
  const loadStart = performance.now()
  // Three years back from now; one in fifty hazards still open (most of them overdue); every fifth major.
  await handle.db.execute(sql`
    insert into hazards (code, category, level, status, description, found_at, closed_at, rectify_due_at,
                         unit_id, found_by_unit_id, created_at, updated_at)
    select 'B' || i, (array['road_municipal','bridge','gas','construction_site'])[1 + i % 4],
           case when i % 5 = 0 then 'major' else 'general' end,
           case when i % 50 = 0 then 'rectifying' else 'closed' end,
           '基准测试隐患 ' || i,
           now() - (i * interval '94 seconds'),
           case when i % 50 = 0 then null else now() - (i * interval '94 seconds') + interval '3 days' end,
           now() - (i * interval '94 seconds') + interval '7 days',
           1 + i % 8, 1 + i % 8, now(), now()
    from generate_series(1, ${HAZARDS}) as i`)
  await handle.db.execute(sql`
    insert into patrols (code, unit_id, started_at, ended_at, area, patrollers, staff_count, vehicle_count)
    select 'BP' || i, 1 + i % 8, now() - (i * interval '470 seconds'), now() - (i * interval '470 seconds') + interval '2 hours',
           '基准测试片区', '巡查员甲、巡查员乙', 2, 1
    from generate_series(1, ${HAZARDS / 5}) as i`)
  await handle.db.execute(sql`
    insert into complaints (code, channel, category, description, status, received_at, sign_due_at, due_at, replied_at,
                            unit_id)
    select 'BT' || i, 'mp', 'road_municipal', '基准测试投诉 ' || i,
           case when i % 50 = 0 then 'accepted' else 'replied' end,
           now() - (i * interval '940 seconds'), now() - (i * interval '940 seconds') + interval '2 hours',
           now() - (i * interval '940 seconds') + interval '1 day',
           case when i % 50 = 0 then null else now() - (i * interval '940 seconds') + interval '5 hours' end,
           1 + i % 8
    from generate_series(1, ${HAZARDS / 10}) as i`)
  // As autovacuum leaves a table that has settled: statistics taken, visibility map set.
  await handle.db.execute(sql`vacuum analyze`)
  console.log(
    `loaded ${HAZARDS.toLocaleString()} hazards, ${(HAZARDS / 5).toLocaleString()} patrols, ${(HAZARDS / 10).toLocaleString()} complaints in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
  )
  const { app } = testApp(handle, clock, { TIME_ZONE })
  await timePage(`${HAZARDS.toLocaleString()} hazards, Postgres`, app)
  await handle.close()
}
