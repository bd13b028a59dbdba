/**
 * A mainland mobile number as people type it: 13907365521, 139 0736 5521, 139-0736-5521, +86 139…, 86-139….
 * Groups: the first three digits, the middle four, the last four.
 */
export const MOBILE_NUMBER = /(?<![\dA-Za-z])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/

/** The first mobile number in the text, as its eleven digits. */
export function findMobileNumber(text: string): string | undefined {
  const found = MOBILE_NUMBER.exec(text)
  return found ? `${found[1]}${found[2]}${found[3]}` : undefined
}
