import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config'

describe('configuration', () => {
  it('needs nothing: PGlite in ./data, port 8787, demo mode, Asia/Shanghai', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8787,
      database: { kind: 'pglite', dataDir: './data' },
      timeZone: 'Asia/Shanghai',
      demo: true,
      llm: undefined,
      complaintClocks: { signForHours: 2, handlingHours: 24 },
    })
  })

  it('uses Postgres when DATABASE_URL is set, and DATA_DIR otherwise', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    })
    expect(loadConfig({ DATA_DIR: '/var/lib/xunan' }).database).toEqual({ kind: 'pglite', dataDir: '/var/lib/xunan' })
  })

  it('turns demo mode off by default once a platform is configured, unless asked for', () => {
    const wecom = { WECOM_CORP_ID: 'ww1', WECOM_TOKEN: 't' }
    expect(loadConfig(wecom).demo).toBe(false)
    expect(loadConfig({ ...wecom, DEMO: '1' }).demo).toBe(true)
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false)
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE'],
    [{ DEMO: 'yes' }, 'DEMO'],
    [{ QUIET_HOURS_START: '25:00' }, 'QUIET_HOURS_START'],
    [{ COMPLAINT_LIMIT_HOURS: '-1' }, 'COMPLAINT_LIMIT_HOURS'],
  ])('stops with one line naming the variable for %j', (env, variable) => {
    let error: unknown
    try {
      loadConfig(env)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${variable}: `))
    expect(message).not.toContain('\n')
  })

  it('configures the LLM only with a key', () => {
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).llm).toBeUndefined()
    expect(loadConfig({ OPENAI_API_KEY: 'k', OPENAI_MODEL: 'qwen-plus' }).llm).toMatchObject({
      model: 'qwen-plus',
      timeoutMs: 8000,
    })
  })
})
