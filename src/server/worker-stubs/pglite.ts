/**
 * Stands in for `@electric-sql/pglite` in the Workers bundle (wrangler.toml `[alias]`): the embedded database
 * is WebAssembly with a data directory, which a Worker cannot keep, so the bundle leaves its 4 MB out. The
 * Worker refuses to start without DATABASE_URL or Hyperdrive before anything could reach this.
 */
export class PGlite {
  constructor() {
    throw new Error('the embedded database is not available on Workers: set DATABASE_URL or bind HYPERDRIVE')
  }
}

/** drizzle's PGlite session reads type ids from here when it is created, which on Workers it never is. */
export const types = {}
