/**
 * `npm run bench`: runs every benchmark in bench/ and prints its figures; results are copied into
 * docs/PERFORMANCE.md by hand. Benchmarks never run in the test suite (timings on shared 2-core
 * machines are noisy); each compares ratios within one run.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const folder = fileURLToPath(new URL('.', import.meta.url))
// `npm run bench -- webhook` runs only the suites whose name contains one of the arguments.
const only = process.argv.slice(2)
const suites = readdirSync(folder).filter(
  (f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((name) => f.includes(name))),
)
if (suites.length === 0) console.log('no benchmarks yet')
for (const suite of suites) {
  console.log(`# ${suite}`)
  await import(new URL(suite, import.meta.url).href)
}
