import type { Sql } from 'postgres'

/**
 * Statements with parameters this size or smaller are kept prepared on their connection. Larger ones are the
 * multi-row INSERTs and long `IN (…)` lists, whose text varies with the row count: preparing each variant would
 * only fill the connection's statement cache.
 */
const MAX_PREPARED_PARAMETERS = 64

type UnsafeOptions = Parameters<Sql['unsafe']>[2]

/**
 * The postgres.js client Drizzle is given, with its parameterised statements prepared once per connection.
 *
 * Drizzle hands every query to `unsafe(text, params, { prepare: false })` unless the query was built with
 * `.prepare(name)`. postgres.js sends an unprepared statement with parameters in two round trips (Parse and
 * Describe, wait for the parameter types, then Bind and Execute), and the server parses and plans it again every
 * time. A prepared statement is one round trip (Bind and Execute) after its first use. Processing a chat message
 * takes about seven such statements, so this halves its round trips and spares the server the parsing.
 *
 * Transactions and savepoints hand Drizzle a client of their own: those are wrapped the same way. A pooler in
 * transaction mode (PgBouncer) does not keep prepared statements; `DATABASE_PREPARE=0` turns this off for it.
 */
export function preparingClient(client: Sql): Sql {
  // Built once per client, not on every property read: `unsafe` is read for every query.
  const unsafe = (text: string, parameters: unknown[] = [], options: UnsafeOptions = {}) =>
    client.unsafe(text, parameters as never, {
      ...options,
      prepare: options.prepare === true || (parameters.length > 0 && parameters.length <= MAX_PREPARED_PARAMETERS),
    })
  const begin = (...args: unknown[]) => client.begin(...(wrapCallback(args) as Parameters<Sql['begin']>))
  const savepoint = (...args: unknown[]) =>
    (client as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint(...wrapCallback(args))
  const wrapped: Record<PropertyKey, unknown> = { unsafe, begin, savepoint }
  return new Proxy(client, {
    get(target, property, receiver) {
      return Object.hasOwn(wrapped, property) ? wrapped[property] : Reflect.get(target, property, receiver)
    },
  })
}

/** `begin(options?, callback)` and `savepoint(name?, callback)`: the callback is last. */
function wrapCallback(args: unknown[]): unknown[] {
  const callback = args.at(-1)
  if (typeof callback !== 'function') return args
  return [...args.slice(0, -1), (transaction: Sql) => callback(preparingClient(transaction))]
}
