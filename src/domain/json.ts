/**
 * JSON from outside, parsed only when its nesting is bounded. V8's JSON.parse takes any depth, but nearly
 * everything that walks the result afterwards — our own checks, validation, JSON.stringify when it is stored —
 * recurses and overflows the stack somewhere past ten thousand levels; a 64 KiB body can nest thirty thousand.
 * No message a platform or a client sends nests more than a handful of levels, so the cap is generous.
 */
export const MAX_JSON_DEPTH = 64

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: 'malformed' | 'too_deep' }

export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonParse {
  if (nestingExceeds(text, maxDepth)) return { ok: false, reason: 'too_deep' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
}

/**
 * One pass over the text counting open brackets outside strings. It does not validate: malformed text is left
 * for JSON.parse to refuse, and a bracket miscounted in malformed text can only make it refuse sooner.
 */
export function nestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c /* \ */) i++
      else if (code === 0x22 /* " */) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > maxDepth) return true
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--
  }
  return false
}
