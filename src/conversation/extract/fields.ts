import { z } from 'zod'
import { CATEGORIES } from '../../domain/categories'
import { HAZARD_LEVELS } from '../../domain/hazard-lifecycle'

/**
 * What extraction may fill, per form, as zod schemas: the LLM is asked for JSON matching these, and
 * whatever comes back (from the LLM or the rules) is kept field by field only where it validates.
 */
export const HazardFields = z.object({
  description: z.string().trim().min(2).max(500),
  category: z.enum(CATEGORIES),
  level: z.enum(HAZARD_LEVELS),
  locationText: z.string().trim().min(2).max(100),
})
export type HazardFields = z.infer<typeof HazardFields>

export const PatrolFields = z.object({
  startedAt: z.string().datetime({ offset: true }),
  endedAt: z.string().datetime({ offset: true }),
  area: z.string().trim().min(2).max(100),
  patrollers: z.string().trim().min(1).max(100),
  staffCount: z.number().int().min(1).max(500),
  vehicleCount: z.number().int().min(0).max(500),
  /** Each hazard statement; `count` is how many places it names (「井盖破损2处」 is 2), 1 when left out. */
  hazards: z
    .array(
      HazardFields.partial().extend({
        description: HazardFields.shape.description,
        count: z.number().int().min(1).max(99).optional(),
      }),
    )
    .max(20),
  handlingResult: z.string().trim().min(1).max(300),
  teamLeader: z.string().trim().min(1).max(20),
})
export type PatrolFields = z.infer<typeof PatrolFields>

export const ComplaintFields = z.object({
  description: z.string().trim().min(2).max(1000),
  category: z.enum(CATEGORIES),
  locationText: z.string().trim().min(2).max(100),
  phone: z.string().regex(/^1[3-9]\d{9}$/),
})
export type ComplaintFields = z.infer<typeof ComplaintFields>

export const EXTRACTION_SCHEMAS = { patrol: PatrolFields, hazard: HazardFields, complaint: ComplaintFields } as const
export type ExtractionForm = keyof typeof EXTRACTION_SCHEMAS
export type ExtractedFields<F extends ExtractionForm> = Partial<z.infer<(typeof EXTRACTION_SCHEMAS)[F]>>

/** Keeps each field that validates on its own; drops the rest (the form then asks for them). */
export function keepValidFields<F extends ExtractionForm>(form: F, raw: unknown): ExtractedFields<F> {
  if (!raw || typeof raw !== 'object') return {}
  const shape = EXTRACTION_SCHEMAS[form].shape as Record<string, z.ZodType>
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const schema = shape[key]
    if (!schema || value === null || value === undefined || value === '') continue
    const parsed = schema.safeParse(value)
    if (parsed.success) kept[key] = parsed.data
  }
  return kept as ExtractedFields<F>
}
