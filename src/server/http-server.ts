import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import type { HttpLimits } from '../config'

/** How often Node looks for connections past their time (its default is 30 s, longer than the bound itself). */
const CHECK_INTERVAL_MS = 1_000

/** Starts the Node HTTP server for `fetch` on `port` with these limits. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  limits: HttpLimits,
  onListening?: (info: { port: number }) => void,
): Server {
  const server = serve(
    {
      fetch,
      port,
      serverOptions: {
        // Node requires headersTimeout ≤ requestTimeout.
        headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
        requestTimeout: limits.requestTimeoutMs,
        connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, limits.headersTimeoutMs),
      },
    },
    onListening,
  ) as Server
  server.maxConnections = limits.maxConnections
  return server
}
