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

/** A landline with its area code as people type it: 0736-7212345, 0736 7212345, (0736)7212345. */
export const LANDLINE_NUMBER = /(?<![\dA-Za-z])\(?(0\d{2,3})\)?[\s-]?(\d{7,8})(?!\d)/

/**
 * A number to reach a citizen by, given in answer to 「如需工作人员电话联系您」: a mobile (its eleven digits) or, failing
 * one, a landline with its area code (「0736-7212345」; it had been taken for a new problem and asked where).
 */
export function findContactNumber(text: string): string | undefined {
  const landline = LANDLINE_NUMBER.exec(text)
  return findMobileNumber(text) ?? (landline ? `${landline[1]}-${landline[2]}` : undefined)
}
