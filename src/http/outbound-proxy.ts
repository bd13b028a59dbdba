import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici'
import type { Config } from '../config'

/** Reached directly when NO_PROXY is not set: our own machine (a local LLM server, say). */
const LOOPBACK = 'localhost,127.0.0.1,::1'

/**
 * Sends every outbound HTTP call of this process — the platforms' APIs, group robots, the DingTalk gateway, the
 * LLM — through the forward proxy a 政务云 network requires (HTTPS_PROXY / HTTP_PROXY, hosts in NO_PROXY
 * directly). It is undici's proxy agent installed as the global dispatcher, which Node's own fetch uses: no call
 * site changes, and HTTPS goes through the proxy as a CONNECT tunnel, so the proxy sees host names only.
 * Returns what it installed, for the start-up log (without credentials).
 */
export function useOutboundProxy(config: Pick<Config, 'outboundProxy'>): { via: string; direct: string } | undefined {
  const proxy = config.outboundProxy
  if (!proxy) return undefined
  const noProxy =
    proxy.noProxy
      ?.split(/[\s,]+/)
      .filter(Boolean)
      .join(',') ?? LOOPBACK
  setGlobalDispatcher(new EnvHttpProxyAgent({ httpProxy: proxy.http, httpsProxy: proxy.https, noProxy }))
  return { via: withoutCredentials(proxy.https), direct: noProxy }
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url)
  parsed.username = ''
  parsed.password = ''
  return parsed.toString()
}
