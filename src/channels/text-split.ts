/** Platforms limit message size in UTF-8 bytes: WeCom text 2048, markdown 4096. */
export const BYTE_LIMITS = { text: 2048, markdown: 4096 } as const

const encoder = new TextEncoder()

/**
 * Splits text into parts of at most `maxBytes` UTF-8 bytes, in order, never inside a character (or a
 * surrogate pair), preferring to break after a newline when one is near the end of a part.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must allow at least one character')
  if (encoder.encode(text).length <= maxBytes) return [text]
  const parts: string[] = []
  let current = ''
  let currentBytes = 0
  let lastNewline = -1
  for (const char of text) {
    const size = encoder.encode(char).length
    if (currentBytes + size > maxBytes) {
      // Break at the last newline when it keeps at least half the part; otherwise break here.
      if (lastNewline > 0 && lastNewline >= current.length / 2) {
        parts.push(current.slice(0, lastNewline + 1))
        current = current.slice(lastNewline + 1)
        currentBytes = encoder.encode(current).length
      } else {
        parts.push(current)
        current = ''
        currentBytes = 0
      }
      lastNewline = -1
      for (let i = current.length - 1; i >= 0; i--) {
        if (current[i] === '\n') {
          lastNewline = i
          break
        }
      }
    }
    current += char
    currentBytes += size
    if (char === '\n') lastNewline = current.length - 1
  }
  if (current) parts.push(current)
  return parts
}

export function utf8Length(text: string): number {
  return encoder.encode(text).length
}
