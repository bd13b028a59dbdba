import { createApp } from '../app'
import { bootstrap, type Runtime } from '../bootstrap'
import { loadConfig } from '../config'
import { createLogger } from '../logger'

/**
 * Cloudflare Workers entry point. Workers need a default export (the one exception to the
 * no-default-export rule). The runtime is built once per isolate from the Worker's bindings.
 */
type Bindings = Record<string, string | undefined>

let runtime: Promise<Runtime> | undefined

function runtimeFor(env: Bindings): Promise<Runtime> {
  runtime ??= (async () => {
    const config = loadConfig(env)
    if (config.database.kind !== 'postgres')
      throw new Error('Workers need DATABASE_URL: the embedded database runs on Node only')
    return bootstrap(config, createLogger(config.logLevel), env)
  })()
  return runtime
}

export default {
  async fetch(request: Request, env: Bindings): Promise<Response> {
    const { services } = await runtimeFor(env)
    return createApp(services).fetch(request)
  },
}
