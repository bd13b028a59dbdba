import { rm } from 'node:fs/promises'
import { bootstrap } from '../bootstrap'
import { ConfigError, loadConfig } from '../config'
import { createLogger } from '../logger'

/**
 * `npm run demo:reset`: throws the embedded demo database away and loads the demo city and its history
 * again. It refuses to touch a Postgres database (drop and recreate that one deliberately).
 */
try {
  const config = loadConfig({ ...process.env, DEMO: '1' })
  if (config.database.kind !== 'pglite')
    throw new ConfigError('demo:reset only resets the embedded database; unset DATABASE_URL')
  await rm(config.database.dataDir, { recursive: true, force: true })
  const runtime = await bootstrap(config, createLogger('info'), { ...process.env, DEMO: '1' })
  await runtime.close()
  process.stdout.write(`demo data reset in ${config.database.dataDir}\n`)
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
