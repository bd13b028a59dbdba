import { eq } from 'drizzle-orm'
import type { Hono } from 'hono'
import type { Database } from '../../src/db/client'
import { people } from '../../src/db/schema'

/** The requests the console and API tests make, as a browser or another system would send them. */
type App = Pick<Hono, 'request'>

/** A console form post, with the Origin header a browser sends (the CSRF check wants it). */
export function postForm(app: App, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}

/** An /api/v1 call with a bearer token (none when undefined) and a JSON body. */
export function callApi(app: App, token: string | undefined, method: string, path: string, body?: unknown) {
  return app.request(`/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** Signs in to the demo console as the demo person of that name; the session cookie to send. */
export async function demoSignIn(app: App, db: Database, name: string): Promise<string> {
  const [person] = await db.select({ id: people.id }).from(people).where(eq(people.name, name))
  if (!person) throw new Error(`no demo person named ${name}`)
  const res = await postForm(app, '/console/login/demo', { personId: String(person.id) })
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}
