/**
 * NUL characters anywhere in a value (strings, arrays, plain objects; a Date, a File or a Blob has no own
 * enumerable values to look into). PostgreSQL text cannot hold NUL, so input is refused or cleaned where it
 * enters: API bodies and forms refuse it, a signed platform message is cleaned and the correction recorded.
 */
export function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(hasNul)
  if (value && typeof value === 'object' && !(value instanceof Blob)) return Object.values(value).some(hasNul)
  return false
}
