/** Citizens' names and phone numbers never appear in group posts or digests: masked here. */
export function maskPhone(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
}

export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  return chars.length === 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

/** Masks phone numbers and, when known, the citizen's name wherever it appears in free text. */
export function maskPersonalInfo(text: string, citizenName?: string | null): string {
  let out = maskPhone(text)
  if (citizenName?.trim()) out = out.split(citizenName.trim()).join(maskName(citizenName))
  return out
}
