/**
 * NUL characters anywhere in a value (strings, arrays, plain objects; a Date, a File or a Blob has no own
 * enumerable values to look into). PostgreSQL text cannot hold NUL, so input is refused or cleaned where it
 * enters: API bodies and forms refuse it, a signed platform message is cleaned and the correction recorded.
 * The walk keeps its own stack rather than recursing, so no depth of nesting can overflow the call stack.
 */
export function hasNul(value: unknown): boolean {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const next = pending.pop()
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true
    } else if (Array.isArray(next)) {
      for (const item of next) pending.push(item)
    } else if (next && typeof next === 'object' && !(next instanceof Blob)) {
      for (const item of Object.values(next)) pending.push(item)
    }
  }
  return false
}
