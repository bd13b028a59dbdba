import type { FormId } from '../../../bots/forms'
import { localDate } from '../../domain/local-time'
import { teamMembers, teamSizeProblem } from '../../domain/patrol-rules'
import { formatLocal } from '../format'

/**
 * Checks made as soon as an answer is given, not at save: an end before its start, a time that has not
 * come yet for something that already happened, a count that cannot be, a place nobody could find. Each
 * problem names the field to ask again and, where one reading is likely, a proposal the person accepts
 * with 「是」 ("结束时间 04:00 早于开始时间 14:00，是下午4点吗？").
 */
export interface DraftProblem {
  field: string
  question: string
  proposal?: unknown
  /** Other fields the same 「是」 sets (a patrol moved to the day before moves its end too). */
  alsoSet?: Record<string, unknown>
  /** A flag the engine sets in the draft when it asks: the next answer stands, even if it says the same again. */
  askedOnce?: string
}

export interface CheckContext {
  now: Date
  timeZone: string
}

/** Small differences between phone and server clocks are not "the future". */
export const CLOCK_SLACK_MS = 10 * 60_000
export const HOUR_MS = 3_600_000
/** Longer than this, one patrol record is more likely a slip of the day than a patrol. */
const MAX_PATROL_HOURS = 16

const PAST_TIMES: Partial<Record<FormId, [string, string][]>> = {
  patrol: [
    ['startedAt', '开始时间'],
    ['endedAt', '结束时间'],
  ],
  supervision: [['inspectedAt', '督查时间']],
  accident: [['occurredAt', '发生时间']],
  team: [['startedAt', '开始时间']],
}

/** Words that point at a place without naming it. */
const VAGUE =
  /^(?:这里|那里|这儿|那儿|附近|旁边|这边|那边|门口|路边|路上|桥头|路口|现场|楼下|对面|隔壁)$|^(?:那个|这个|那|这)/
/** A kind of place with no name of its own. */
const KIND_OF_PLACE =
  /^(?:老旧|老|旧|新|居民|安置|拆迁|城中村|施工|建筑)?(?:小区|工地|楼|楼房|居民楼|自建房|马路|大马路|公路|路段|大桥|公园|学校|菜市场|市场|广场|医院|商场|超市|厂房|楼盘)$/
/** A kind of place pointed at with 这个/那条 (and maybe whose): 「这个老小区」「我们那个老旧小区」「这条路」. */
const KIND_POINTED_AT =
  /^(?:就是|就|是)?(?:我们|咱们|我家|我们家|俺们|咱|对面|隔壁|旁边|附近|后面|前面)?(?:这个|那个|这条|那条|这座|那座|这片|那片|这一片|那一片)(?:老旧|老|旧|新|破|居民|安置|拆迁|城中村|施工|建筑)?(?:小区|工地|楼|楼房|居民楼|自建房|马路|大马路|公路|路|街|路段|大桥|桥|公园|学校|菜市场|市场|广场|医院|商场|超市|厂房|楼盘|河|村|社区|地方|路口|十字路口|巷子|楼道)(?:门口|里面?|楼下|旁边|附近|边上|对面)?$/
/** A kind of place said as the speaker's own, with no name: 「我们小区」「就是我家楼下」「咱们这条路」「俺们村口」. */
const OURS_UNNAMED =
  /^(?:就是|就|是)?(?:我们|咱们|我家|我们家|我|俺们|俺家|俺|咱|咱家)(?:这个|那个|这条|那条|这栋|那栋|的)?(?:(?:小区|路|街|楼|单元|村|社区|院子|院|家)(?:门口|楼下|里面?|外面|旁边|附近|对面|后面|前面)?|楼下|村口|村里|镇上|家门口|门口|这里|那里|这边|那边)(?:那个|这个|那边|这边)?$|^(?:隔壁|对面|旁边|附近|楼下|楼后|后面|前面|这边|那边|这个|那个)的?(?:工地|小区|楼|楼房|房子|马路|路口|工厂|厂|学校|公园|桥|那栋楼)$/

/** What a findable place usually contains: a road, a building, a number, a landmark. */
const PLACE_WORD =
  // (Place names end in their landform too: 二里岗, 桃花坪, 白鹤铺, 河洑镇的 柳叶洲.)
  /[路街道巷桥村镇乡区县号栋楼园站场馆校院厂市店坊港湾湖河江堤山塔门口苑庭府阁邸墅岗坪岭洲坝垸铺嘴咀堡屯寨渡埠滩]|新城|名城|商城|古城|名都|山庄|庄园|公寓|世家|雅居|宿舍|风光带|旅游区|码头|小区|广场|公园|大厦|大楼|医院|学校|小学|中学|大学|幼儿园|市场|超市|社区|工地|加油站|公司|银行|酒店|宾馆|饭店|中心|局|所|寺|(?<=[\u4e00-\u9fa5]{3})(?:项目|工程|地块)$|[0-9一二三四五六七八九十]+号|(?<=[A-Za-z])(?:Road|Rd|Street|St|Avenue|Ave|Lane|Bridge|Park|Square|Community|Gardens?|Village|District)(?![a-z])|(?<=[A-Za-z])(?:[Ss]tation|[Ss]chool|[Hh]ospital|[Mm]arket|[Mm]all|[Ss]tadium|[Ll]ibrary|[Uu]niversity|[Cc]ollege|[Hh]otel|[Pp]laza|[Tt]erminal|[Aa]irport|[Tt]emple|[Cc]hurch|[Gg]ate|[Bb]uilding|[Tt]ower|[Aa]partments|[Ee]state|[Cc]ompound|[Ii]ntersection|[Cc]rossroads|[Rr]oundabout)(?![a-z])/

export function isVaguePlace(text: string): boolean {
  const place = text.replace(/[，,。.\s！!？?]/g, '')
  if (place.length < 2) return true
  // 「XX小区」「某某路」: a name left out, as in the examples people copy, or hidden on purpose.
  if (/[Xx×＊*]{2}|某某|^某/.test(place)) return true
  const stripped = place.replace(/^(?:在|就在|位于)/, '').replace(/(?:旁边|附近|那边|这边|那里|这里|边上|跟前)$/, '')
  // 「这个老小区」「我们那个老旧小区」「那条路」: pointed at, the kind of place said, still no name.
  if (KIND_POINTED_AT.test(stripped)) return true
  if (VAGUE.test(stripped)) return !/[路街巷]|小区|广场|公园|大厦|号/.test(stripped)
  // 「我们小区」「就是我家那栋楼」: whose, not which — the name is still to be asked.
  if (OURS_UNNAMED.test(stripped)) return true
  // 「老旧小区」「工地」「居民楼」: the kind of place, which every such place is.
  if (KIND_OF_PLACE.test(stripped)) return true
  // 「城北一个在建项目」: a project said by its kind, not its name (「城东安置房项目」 has one) — found only by another
  // place word in it (「人民东路一在建商品房项目」).
  const unnamedProject = /(?:项目|工程|地块)$/.test(stripped) && /一个|一处|某|在建|施工|新建|[这那哪]/.test(stripped)
  return !PLACE_WORD.test(unnamedProject ? stripped.replace(/(?:项目|工程|地块)$/, '') : stripped)
}

/** A record's time this many days back or more is asked about once (the forms are filled the same day or soon after). */
const STALE_DAYS = 31
const DAY_MS = 24 * HOUR_MS

/**
 * A time long past: how many days ago, and — when only the year looks wrong — the same day and time this year,
 * if that has come.
 */
function staleDate(value: Date, ctx: CheckContext): { days: number; proposal?: Date } | undefined {
  const days = Math.floor((ctx.now.getTime() - value.getTime()) / DAY_MS)
  if (days < STALE_DAYS) return undefined
  const thisYear = Number(localDate(ctx.now, ctx.timeZone).slice(0, 4))
  const year = Number(localDate(value, ctx.timeZone).slice(0, 4))
  if (year >= thisYear) return { days }
  const moved = new Date(value)
  moved.setUTCFullYear(moved.getUTCFullYear() + (thisYear - year))
  const fits =
    moved.getTime() <= ctx.now.getTime() + CLOCK_SLACK_MS &&
    localDate(moved, ctx.timeZone).slice(5) === localDate(value, ctx.timeZone).slice(5)
  return fits ? { days, proposal: moved } : { days }
}

/** "16:30" as people say it: 下午4点30分. */
function spoken(clock: string): string {
  const hour = Number(clock.slice(0, 2))
  const minute = Number(clock.slice(3))
  const half = hour < 12 ? '上午' : hour < 18 ? '下午' : '晚上'
  return `${half}${hour > 12 ? hour - 12 : hour}点${minute ? `${minute}分` : ''}`
}

export function checkDraft(form: FormId, draft: Record<string, unknown>, ctx: CheckContext): DraftProblem | undefined {
  const at = (key: string) => (typeof draft[key] === 'string' ? new Date(draft[key] as string) : undefined)
  const show = (d: Date) => formatLocal(d, ctx.timeZone, ctx.now)

  for (const [key, label] of PAST_TIMES[form] ?? []) {
    const value = at(key)
    if (value && value.getTime() > ctx.now.getTime() + CLOCK_SLACK_MS) {
      // 「晚上8点到10点夜巡」 reported before evening is most likely last night's: offered, never moved silently.
      // Only a time later today (a day said outright, 「明天」, is not second-guessed).
      const dayBefore = new Date(value.getTime() - 24 * HOUR_MS)
      const laterToday = localDate(value, ctx.timeZone) === localDate(ctx.now, ctx.timeZone)
      // An end alone is not moved: an end later today after a start already past is the range's default end
      // (「今天下午」 runs to 18:00), to be said, not a day off.
      if (key !== 'endedAt' && laterToday && dayBefore.getTime() <= ctx.now.getTime() + CLOCK_SLACK_MS) {
        const end = key === 'startedAt' ? at('endedAt') : undefined
        const endBefore = end && end.getTime() > ctx.now.getTime() ? new Date(end.getTime() - 24 * HOUR_MS) : undefined
        return {
          field: key,
          proposal: dayBefore.toISOString(),
          ...(endBefore && endBefore.getTime() >= dayBefore.getTime()
            ? { alsoSet: { endedAt: endBefore.toISOString() } }
            : {}),
          question: `${label}是 ${show(value)}，还没到。是指${show(dayBefore)}吗？是请回复「是」；否则请发送实际的${label}。`,
        }
      }
      return { field: key, question: `${label}是 ${show(value)}，还没到。请发送实际的${label}。` }
    }
    // 「2025年11月23日」 typed a year ago (a slip of the year, or last year's form copied): asked once, with this
    // year's date offered when it has passed; said again, it stands (補录 of an old record is allowed).
    const stale = value && key !== 'endedAt' && !draft[`${key}Stale`] ? staleDate(value, ctx) : undefined
    if (value && stale) {
      const end = key === 'startedAt' ? at('endedAt') : undefined
      const shift = stale.proposal ? stale.proposal.getTime() - value.getTime() : 0
      return {
        field: key,
        askedOnce: `${key}Stale`,
        ...(stale.proposal
          ? {
              proposal: stale.proposal.toISOString(),
              ...(end ? { alsoSet: { endedAt: new Date(end.getTime() + shift).toISOString() } } : {}),
            }
          : {}),
        question: `${label}是 ${show(value)}，距今已有 ${stale.days} 天。${
          stale.proposal ? `是指今年的${show(stale.proposal)}吗？是请回复「是」；` : ''
        }确是这一天请再发送一次；否则请发送实际的${label}。`,
      }
    }
    // 「两点半」 said in the afternoon is rarely half past two at night: ask, never move it silently.
    const hour = value ? Number(show(value).slice(-5, -3)) : -1
    // An end is judged against its start (below), never on its own.
    if (value && hour >= 1 && hour < 6 && !draft[`${key}Night`] && key !== 'endedAt') {
      const afternoon = new Date(value.getTime() + 12 * HOUR_MS)
      if (afternoon.getTime() <= ctx.now.getTime() + CLOCK_SLACK_MS)
        return {
          field: key,
          proposal: afternoon.toISOString(),
          question: `${label} ${show(value)} 是凌晨吗？如是${spoken(show(afternoon).slice(-5))}（${show(afternoon).slice(-5)}），请回复「是」；否则请发送正确的${label}。`,
        }
    }
  }

  if (form === 'patrol') {
    const start = at('startedAt')
    const end = at('endedAt')
    if (start && end && end.getTime() < start.getTime()) {
      const afternoon = new Date(end.getTime() + 12 * HOUR_MS)
      const likely = afternoon.getTime() > start.getTime() && afternoon.getTime() <= ctx.now.getTime() + CLOCK_SLACK_MS
      const clock = (d: Date) => show(d).slice(-5)
      return likely
        ? {
            field: 'endedAt',
            proposal: afternoon.toISOString(),
            question: `结束时间 ${clock(end)} 早于开始时间 ${clock(start)}，是${spoken(clock(afternoon))}（${clock(afternoon)}）吗？回复「是」确认，或发送正确的结束时间。`,
          }
        : {
            field: 'endedAt',
            question: `结束时间 ${show(end)} 早于开始时间 ${show(start)}，请重新发送结束时间。`,
          }
    }
    // A day patrol is hours long: a start and an end a day apart are a slip (an end said without its day,
    // taken as today), asked rather than saved as a patrol of 29 hours.
    if (start && end && end.getTime() - start.getTime() > MAX_PATROL_HOURS * HOUR_MS)
      return {
        field: 'endedAt',
        question: `巡查从 ${show(start)} 到 ${show(end)}，长达 ${Math.round((end.getTime() - start.getTime()) / HOUR_MS)} 小时，请核对后重新发送结束时间（如：当天下午5点）。`,
      }
    if (draft.staffCount === 0) return { field: 'staffCount', question: '出动人次至少为 1，请回复实际人次。' }
  }

  if (form === 'team' && typeof draft.teamLeader === 'string' && typeof draft.members === 'string') {
    const problem = teamSizeProblem(teamMembers(draft.teamLeader, draft.members).length)
    if (problem) return { field: 'members', question: `${problem}请重新回复组员（不含组长时另列）。` }
  }
  if (form === 'team' && at('startedAt') && at('endedAt') && (at('endedAt') as Date) < (at('startedAt') as Date))
    return { field: 'endedAt', question: '结束时间早于开始时间，请重新发送结束时间。' }
  // 附件1 2-5 is scored 视情况 within the 实施 part's 80 points.
  if (form === 'accident' && typeof draft.negligencePoints === 'number' && draft.negligencePoints > 80)
    return {
      field: 'negligencePoints',
      question: '失职渎职扣分为 1–80 分（实施部分共80分），请重新回复；未认定请回复「无」。',
    }
  if (form === 'accident' && typeof draft.place === 'string' && draft.place.trim().length < 2)
    return { field: 'place', question: '请写明事故地点（至少两个字），例如：武陵大道燃气管道。' }
  if (form === 'accident' && typeof draft.description === 'string' && draft.description.trim().length < 4)
    return { field: 'description', question: '请简述事故经过和认定情况（至少四个字）。' }
  if (form === 'hazard' && typeof draft.locationText === 'string' && typeof draft.latitude !== 'number') {
    if (isVaguePlace(draft.locationText))
      return {
        field: 'locationText',
        question: `「${draft.locationText}」不够具体，别人可能找不到。请发送定位，或说明附近的路名、门牌号或标志性建筑。`,
      }
  }
  return undefined
}
