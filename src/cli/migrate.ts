import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/client'

/** `npm run db:migrate`: apply pending migrations to the configured database; non-zero exit on failure. */
try {
  const config = loadConfig(process.env)
  const handle = await openDatabase(config.database)
  try {
    await handle.migrate()
    process.stdout.write(`migrations applied (${handle.kind})\n`)
  } finally {
    await handle.close()
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`}\n`,
  )
  process.exit(1)
}
