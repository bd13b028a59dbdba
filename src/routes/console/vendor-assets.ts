import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'

/**
 * Browser libraries served from their own npm packages (no CDN: the console works on a closed network),
 * under names that carry their versions so browsers may keep them for a year. Read from node_modules when
 * first asked for; where there is no node_modules (a Worker bundle) they are unavailable and the pages that
 * use them fall back to what works without them.
 */
/** Node's resolver from this module, made when first needed: a Worker has no module location to make it from. */
let resolver: NodeJS.Require | null | undefined
function nodeRequire(): NodeJS.Require | null {
  if (resolver === undefined) {
    try {
      resolver = createRequire(import.meta.url)
    } catch {
      resolver = null
    }
  }
  return resolver
}

const ASSETS = {
  'leaflet.js': { module: 'leaflet/dist/leaflet.js', type: 'text/javascript' },
  'leaflet.css': { module: 'leaflet/dist/leaflet.css', type: 'text/css' },
  'markercluster.js': { module: 'leaflet.markercluster/dist/leaflet.markercluster.js', type: 'text/javascript' },
  'markercluster.css': { module: 'leaflet.markercluster/dist/MarkerCluster.css', type: 'text/css' },
  'markercluster-default.css': { module: 'leaflet.markercluster/dist/MarkerCluster.Default.css', type: 'text/css' },
} as const
export type VendorAsset = keyof typeof ASSETS

const loaded = new Map<VendorAsset, string | null>()

function load(name: VendorAsset): string | null {
  if (!loaded.has(name)) {
    try {
      const require = nodeRequire()
      loaded.set(name, require ? readFileSync(require.resolve(ASSETS[name].module), 'utf8') : null)
    } catch {
      loaded.set(name, null)
    }
  }
  return loaded.get(name) ?? null
}

function version(name: VendorAsset): string {
  const pkg = ASSETS[name].module.split('/')[0] as string
  try {
    return (nodeRequire()?.(`${pkg}/package.json`) as { version: string } | undefined)?.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** The address a page links, or undefined when the asset cannot be served here. */
export function vendorAssetPath(name: VendorAsset): string | undefined {
  if (load(name) === null) return undefined
  const [base, ext] = name.split('.') as [string, string]
  return `/console/assets/vendor/${base}-${version(name)}.${ext}`
}

export function registerVendorAssets(app: Hono<AppEnv>): void {
  app.get('/assets/vendor/:file', (c) => {
    const file = c.req.param('file')
    const name = (Object.keys(ASSETS) as VendorAsset[]).find(
      (n) => vendorAssetPath(n) === `/console/assets/vendor/${file}`,
    )
    const body = name ? load(name) : null
    if (!name || body === null) return c.text('Not found', 404)
    return c.body(body, 200, {
      'content-type': `${ASSETS[name].type}; charset=utf-8`,
      'cache-control': 'public, max-age=31536000, immutable',
    })
  })
}
