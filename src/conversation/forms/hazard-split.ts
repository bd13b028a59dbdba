import type { Category } from '../../domain/categories'
import { readFindings } from '../extract/hazard-statements'
import { findPlace } from '../extract/place'
import { splitHazardStatements } from '../intent'

/** One hazard of a report that names several, with its own place and kind where it says them. */
export interface ReportedHazard {
  description: string
  locationText?: string
  category?: Category
}

/** 「1.…2.…」「①…②…」「（1）…（2）…」: items numbered by the writer. */
const NUMBERED = /(?:^|[\s，,；;。:：])(?:[0-9]{1,2}[.．、)）](?![0-9])|[（(][0-9]{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])[^0-9]/

/**
 * The hazards one report names, each to be its own record: read as a patrol's findings are (a numbered list,
 * 「人民路井盖缺失，建设路路灯不亮」 — each statement with the place it names), or, where that reading is only a guess,
 * cut at the clauses that each name a defect. One hazard when the report names one.
 */
export function hazardsInReport(description: string): ReportedHazard[] {
  const { statements, guessed } = readFindings(description, { categoryRules: [] })
  // Read as findings only where the report is plainly several: a numbered list, or statements at different
  // places. One place said several ways (「窨井盖松动，车压上去哐哐响」) stays one hazard.
  const places = new Set(statements.map((s) => s.locationText).filter(Boolean))
  if (!guessed && statements.length >= 2 && (places.size >= 2 || NUMBERED.test(description)))
    return statements.map((s) => ({
      description: s.description,
      locationText: s.locationText,
      category: s.categorySure ? s.category : undefined,
    }))
  const parts = splitHazardStatements(description)
  if (parts.length === 1) return [{ description: parts[0] ?? description }]
  return parts.map((part) => ({ description: part, locationText: findPlace(part) }))
}
