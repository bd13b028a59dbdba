/**
 * Ledger paging on a million hazards (embedded PGlite): the first page, a page half a million rows deep
 * by keyset cursor, and the same depth by OFFSET for comparison. Ratios within one run are what count;
 * absolute numbers vary with the machine.
 */
import { sql } from 'drizzle-orm'
import { DEFAULT_CITY } from '../bots/default-city'
import { openDatabase } from '../src/db/client'
import { hazards } from '../src/db/schema'
import { seedCity } from '../src/seed/seed-city'
import { listHazards } from '../src/services/ledger'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const handle = await openDatabase({ kind: 'pglite' })
await handle.migrate()
await seedCity(handle.db, DEFAULT_CITY, { now: new Date(), timeZone: 'Asia/Shanghai' })
const db = handle.db

const loadStart = performance.now()
await db.execute(sql`
  insert into hazards (code, category, level, status, description, found_at, unit_id, created_at, updated_at)
  select 'B' || i, (array['road_municipal','bridge','gas','construction_site'])[1 + i % 4], 'general',
         (array['assigned','rectifying','closed'])[1 + i % 3], '基准测试隐患 ' || i,
         timestamptz '2020-01-01' + (i || ' minutes')::interval, 1 + i % 8, now(), now()
  from generate_series(1, ${ROWS}) as i`)
await db.execute(sql`analyze hazards`)
console.log(`loaded ${ROWS.toLocaleString()} hazards in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`)

async function time(label: string, run: () => Promise<unknown>, repeat = 5): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < repeat; i++) {
    const start = performance.now()
    await run()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)] ?? 0
  console.log(`${label}: median ${median.toFixed(2)} ms over ${repeat}`)
  return median
}

const now = new Date()
const depth = Math.floor(ROWS / 2)
const [middle] = await db
  .select({ foundAt: hazards.foundAt, id: hazards.id })
  .from(hazards)
  .orderBy(sql`${hazards.foundAt} desc, ${hazards.id} desc`)
  .offset(depth)
  .limit(1)
const cursor = middle ? Buffer.from(`${middle.foundAt.toISOString()}|${middle.id}`).toString('base64url') : undefined

const first = await time('first page (50 rows)', () => listHazards(db, { limit: 50 }, now))
const deep = await time(`keyset page at row ${depth.toLocaleString()}`, () =>
  listHazards(db, { limit: 50, cursor }, now),
)
const offset = await time(`OFFSET page at row ${depth.toLocaleString()}`, () =>
  db.select().from(hazards).orderBy(sql`${hazards.foundAt} desc, ${hazards.id} desc`).offset(depth).limit(50),
)
const filtered = await time('first page, category=bridge & status=closed', () =>
  listHazards(db, { limit: 50, category: ['bridge'], status: ['closed'] }, now),
)
console.log(
  `keyset deep / first page: ${(deep / first).toFixed(2)}x; OFFSET / keyset at the same depth: ${(offset / deep).toFixed(0)}x; filtered ${filtered.toFixed(2)} ms`,
)
const memory = process.memoryUsage()
console.log(
  `process memory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
)
await handle.close()
