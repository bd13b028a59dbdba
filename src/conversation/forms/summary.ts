import type { FieldDefinition, FormDefinition } from '../../../bots/forms'
import { CATEGORY_LABELS, type Category, isCategory } from '../../domain/categories'
import { HAZARD_LEVEL_LABELS, type HazardLevel } from '../../domain/hazard-lifecycle'
import { formatLocal } from '../format'
import { checklistSummary } from './checklist'
import { hazardsInReport, type ReportedHazard } from './hazard-split'

/** The draft as people check it before saving: labels, absolute times, readable categories. */
export function renderValue(
  field: FieldDefinition,
  value: unknown,
  ctx: { timeZone: string; units: readonly { id: number; name: string }[]; now?: Date },
): string {
  if (value === undefined || value === null || value === '') return '—'
  switch (field.type) {
    case 'datetime': {
      if (value === 'default') return '默认期限'
      const shown = formatLocal(new Date(String(value)), ctx.timeZone, ctx.now)
      // A whole day (a team patrol's) is shown as the day.
      return field.dayIsEnough ? shown.replace(/ (?:00:00|23:59)$/, '') : shown
    }
    case 'category':
      return isCategory(String(value)) ? CATEGORY_LABELS[value as Category] : String(value)
    case 'level':
      return HAZARD_LEVEL_LABELS[value as HazardLevel] ?? String(value)
    case 'verdict':
      return value === 'pass' ? '通过' : '不通过'
    case 'choice':
      return field.choices?.find((c) => c.value === value)?.label ?? String(value)
    case 'unit':
      return ctx.units.find((u) => u.id === value)?.name ?? String(value)
    case 'hazards': {
      const list = value as {
        description: string
        count?: number
        category?: string
        categoryUnsure?: boolean
        level?: string
        mediaIds?: number[]
      }[]
      if (list.length === 0) return '无'
      // Places, as the report forms count them: a statement of two places is two.
      const places = list.reduce((sum, h) => sum + (h.count ?? 1), 0)
      const count = places > 1 ? `共 ${places} 处` : ''
      return `${count}${list
        .map((h, i) => {
          // A domain the reader only guessed is shown with a request to check it.
          const category =
            h.category && isCategory(h.category)
              ? `${CATEGORY_LABELS[h.category]}${h.categoryUnsure ? '？请核对' : ''}`
              : '待定'
          const photos = h.mediaIds?.length ? `，照片${h.mediaIds.length}张` : ''
          const several = (h.count ?? 1) > 1 ? `，${h.count}处` : ''
          return `\n  ${i + 1}. ${h.description}（${category}，${h.level === 'major' ? '重大' : '一般'}${several}${photos}）`
        })
        .join('')}`
    }
    case 'figures': {
      const numbers = Array.isArray(value) ? value : []
      return (field.parts ?? []).map((part, i) => `${part} ${numbers[i] ?? 0}`).join('，')
    }
    case 'problems': {
      const list = Array.isArray(value)
        ? (value as { aspect: string; problem: string; detail: string; measures: string }[])
        : []
      if (list.length === 0) return '无'
      return list
        .map((p, i) => `\n  ${i + 1}. ${p.aspect}：${p.problem}；${p.detail || '—'}；${p.measures || '—'}`)
        .join('')
    }
    default:
      return String(value)
  }
}

export function renderSummary(
  form: FormDefinition,
  draft: Record<string, unknown>,
  applicable: FieldDefinition[],
  ctx: { timeZone: string; units: readonly { id: number; name: string }[]; heading?: string; now?: Date },
): string {
  const lines = [`【${form.title}】请核对：`]
  if (ctx.heading) lines.push(ctx.heading)
  const found = form.id === 'hazard' && typeof draft.description === 'string' ? hazardsInReport(draft.description) : []
  // Several hazards at several places: where each is, not only the first.
  const places = [...new Set(found.map((h) => h.locationText).filter((p): p is string => Boolean(p)))]
  for (const field of applicable) {
    if (field.type === 'check') continue
    const value =
      field.key === 'locationText' && places.length > 1 ? places.join('、') : renderValue(field, draft[field.key], ctx)
    lines.push(`${field.label}：${value}`)
  }
  // A checklist is counted, with each 不符合 named, rather than listed item by item.
  const checklist = checklistSummary(form, draft)
  if (checklist) lines.push(checklist)
  if (found.length > 1)
    lines.push(
      `共 ${found.length} 处隐患，将分别登记：${found
        .map((h, i) => `${i + 1}. ${h.description}${placeNotSaid(h) ? `（${h.locationText}）` : ''}`)
        .join('；')}`,
    )
  const photos = Array.isArray(draft.mediaIds) ? draft.mediaIds.length : 0
  if (photos > 0) lines.push(`照片：${photos}张`)
  if (typeof draft.latitude === 'number') lines.push(`定位：${draft.latitude}, ${draft.longitude}`)
  // The example names a field this form has.
  const example = applicable.find((f) => f.type === 'text')?.label ?? applicable[0]?.label ?? ''
  lines.push(`回复「确认」保存，「修改 字段名」修改（如：修改 ${example}），「取消」放弃。`)
  // The examples name hazards the list has: 「删除隐患 2」 only when there is a second.
  if (Array.isArray(draft.hazards) && draft.hazards.length > 1)
    lines.push(
      '隐患可逐条调整：「删除隐患 2」去掉第2条，「拆分隐患 1」把第1条拆成多条，「1 重大」把第1条定为重大隐患。',
    )
  else if (Array.isArray(draft.hazards) && draft.hazards.length === 1)
    lines.push('如这一条其实是几处隐患，回复「拆分隐患 1」逐条登记。')
  return lines.join('\n')
}

/** A hazard's own place, when its words do not already say it. */
function placeNotSaid(hazard: ReportedHazard): boolean {
  return Boolean(hazard.locationText && !hazard.description.includes(hazard.locationText))
}
