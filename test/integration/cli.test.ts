import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/conversation/extract/corpus'
import { FakeOpenAi } from '../fakes/openai'
import { cellText, readBook } from '../helpers/workbook'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = `${root}node_modules/.bin/tsx`
let llm: FakeOpenAi

beforeAll(async () => {
  llm = await new FakeOpenAi().start()
})
afterAll(async () => llm?.stop())

function withStdin(command: string, args: string[], input: string, env: Record<string, string> = {}) {
  const child = run(command, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } })
  child.child.stdin?.end(input)
  return child
}

describe('command-line tools', () => {
  it('npm run extract prints one JSON object per input line', async () => {
    const { stdout } = await withStdin(
      tsx,
      ['src/cli/extract.ts', '--form', 'complaint'],
      '人民路桥护栏断了 13800138000\n\n燃气味很重\n',
    )
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ source: 'rules', fields: { category: 'bridge', phone: '13800138000' } })
    expect(lines[1]).toMatchObject({ fields: { category: 'gas' } })
  })

  it('npm run simulate produces reminders, escalations, digests and report files', async () => {
    const { stdout } = await run(tsx, ['src/cli/simulate.ts', '--days', '2', '--start', '2026-11-23'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
    })
    expect(stdout).toContain('Simulated 2 day(s), 2026-11-23 to 2026-11-25')
    expect(Number(/daily digests: (\d+)/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(2)
    expect(/escalation cards: (\d+) \(levels: 1,/.test(stdout)).toBe(true)
    // The office answers its cards in the simulation: the week is confirmed, signed and filed.
    const weekly = /weekly 2026-11-16\.\.2026-11-22 已上报 → (.*weekly-shizheng-2026-11-16\.xlsx)/.exec(stdout)?.[1]
    expect(weekly).toBeDefined()
    const form = (await readBook(weekly ?? '')).getWorksheet('附件3 周报表')
    expect(form && cellText(form, 'A8')).toMatch(/^分管领导签字：孙建国（2026-11-2[34] \d\d:\d\d 确认）$/)
    expect(form && cellText(form, 'G8')).toMatch(/^填表人：李娜（2026-11-23 \d\d:\d\d 确认）$/)
  }, 120_000)

  it('npm run eval:llm scores the labelled sets against the configured endpoint', async () => {
    llm.behaviour = { kind: 'json', content: { category: 'gas' } }
    const { stdout } = await run(tsx, ['src/cli/eval-llm.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: 'k', OPENAI_BASE_URL: llm.baseUrl },
    })
    expect(stdout).toMatch(/^patrol: LLM \d+\.\d%, LLM\+rules \d+\.\d%, failed calls 0$/m)
    expect(stdout).toMatch(/^complaint: LLM \d+\.\d%/m)
    // The first sets and the corpus's held-out test split: one request a message.
    expect(stdout).toMatch(/^corpus test patrol: LLM \d+\.\d%/m)
    const corpus = new URL('../fixtures/extraction/corpus/', import.meta.url)
    const heldOut = [...loadCorpus('patrol', corpus), ...loadCorpus('complaint', corpus)].filter(
      (e) => e.split === 'test',
    )
    expect(llm.requests.length).toBe(100 + heldOut.length)
  }, 60_000)
})
