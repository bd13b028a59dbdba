// Prints vitest's JSON result as one plain closing line: "<label>: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const [label, file] = process.argv.slice(2)
const result = JSON.parse(readFileSync(file, 'utf8'))
const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0)
console.log(`${label}: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped} skipped`)
if (result.numTotalTests === 0) {
  console.error(`${label}: no test ran`)
  process.exit(1)
}
