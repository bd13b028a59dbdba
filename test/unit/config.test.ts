import { describe, expect, it } from 'vitest'
import { loadPlatformBots } from '../../src/channels/bots'
import { isPlatformUrl } from '../../src/channels/outbound-hosts'
import { ConfigError, loadConfig } from '../../src/config'

describe('configuration', () => {
  it('needs nothing: PGlite in ./data, port 8787, demo mode, Asia/Shanghai', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8787,
      database: { kind: 'pglite', dataDir: './data', thread: true },
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
      preparedStatements: true,
    })
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_PREPARE: '0' }).database).toMatchObject({
      preparedStatements: false,
    })
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_PREPARE: 'sometimes' })).toThrow()
    expect(loadConfig({ DATA_DIR: '/var/lib/xunan' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/var/lib/xunan',
      thread: true,
    })
    expect(loadConfig({ PGLITE_THREAD: '0' }).database).toMatchObject({ thread: false })
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

describe('configuration that would open the door', () => {
  it.each([['CONSOLE_PASSWORD'], ['API_TOKEN'], ['OPEN311_API_KEY']])(
    'refuses a %s shorter than 16 characters',
    (name) => {
      expect(() => loadConfig({ [name]: '1' })).toThrow(
        `Invalid configuration: ${name}: expected at least 16 characters`,
      )
      expect(loadConfig({ [name]: 'sixteen-chars-ok' })).toBeTruthy()
    },
  )

  it('never repeats a secret’s value in the error, which reaches the logs; other values are shown', () => {
    for (const [name, value] of [
      ['OPEN311_API_KEY', 'leaked-k1'],
      ['CONSOLE_PASSWORD', 'hunter2'],
      ['DATABASE_URL', 'mysql://admin:s3cret@db/x'],
    ] as const) {
      let message = ''
      try {
        loadConfig({ [name]: value })
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(new RegExp(`^Invalid configuration: ${name}: `))
      expect(message).not.toContain(value)
    }
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('(got "eighty")')
  })

  it('refuses short API_TOKENS entries', () => {
    expect(() => loadConfig({ API_TOKENS: JSON.stringify([{ token: 'short', role: 'admin', name: 'x' }]) })).toThrow(
      /API_TOKENS/,
    )
  })

  it('keeps demo mode off once a real database or a console password is set, and never seeds a real database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false)
    expect(loadConfig({ CONSOLE_PASSWORD: 'correct horse battery staple' }).demo).toBe(false)
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO: '1' })).toThrow(/DEMO/)
    // A web or worker process needs the others, through Postgres; the embedded database serves one process.
    expect(() => loadConfig({ ROLE: 'web' })).toThrow(/ROLE: web .*DATABASE_URL/)
    expect(() => loadConfig({ ROLE: 'cashier', DATABASE_URL: 'postgres://u@h/db' })).toThrow(/ROLE/)
    expect(loadConfig({ ROLE: 'worker', DATABASE_URL: 'postgres://u@h/db' }).role).toBe('worker')
  })

  it('turns replay protection off only for recorded samples', () => {
    expect(() => loadPlatformBots({ WEBHOOK_MAX_SKEW_S: '0' })).toThrow(/WEBHOOK_MAX_SKEW_S/)
    expect(loadPlatformBots({ WEBHOOK_MAX_SKEW_S: '0', WEBHOOK_REPLAY_SAMPLES: '1' }).maxSkewSeconds).toBe(0)
  })

  it('allows replies only to the platforms’ hosts and the configured API bases', () => {
    const hosts = loadPlatformBots({ WECOM_API_BASE: 'http://127.0.0.1:9' }).platformHosts
    expect(isPlatformUrl('https://oapi.dingtalk.com/robot/sendBySession?session=x', hosts)).toBe(true)
    expect(isPlatformUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', hosts)).toBe(true)
    expect(isPlatformUrl('http://127.0.0.1:9/session/1', hosts)).toBe(true)
    expect(isPlatformUrl('http://oapi.dingtalk.com/robot/send', hosts)).toBe(false)
    expect(isPlatformUrl('https://oapi.dingtalk.com.attacker.example/x', hosts)).toBe(false)
    expect(isPlatformUrl('https://user:pw@oapi.dingtalk.com/x', hosts)).toBe(false)
    expect(isPlatformUrl('http://169.254.169.254/latest/meta-data', hosts)).toBe(false)
  })
})
