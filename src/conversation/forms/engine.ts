import { and, asc, eq, gt, inArray, isNull, lt } from 'drizzle-orm'
import { type FieldDefinition, FORMS, type FormDefinition, type FormId } from '../../../bots/forms'
import { MAJOR_HAZARD_CRITERIA } from '../../../bots/major-hazard-criteria'
import { WORDING } from '../../../bots/wording'
import { complaintEvents, hazards, patrols, routingRules, units } from '../../db/schema'
import { CATEGORIES, CATEGORY_LABELS, type Category, isCategory } from '../../domain/categories'
import { parseChineseNumber } from '../../domain/chinese-numbers'
import { classifyByKeywords } from '../../domain/classify'
import { dangerIn } from '../../domain/danger'
import { RuleViolation } from '../../domain/errors'
import {
  canActOnHazard,
  HAZARD_LEVEL_LABELS,
  HAZARD_STATUS_LABELS,
  type HazardAction,
  type HazardStatus,
} from '../../domain/hazard-lifecycle'
import { localParts } from '../../domain/local-time'
import { patrolFocusOf } from '../../domain/patrol-rules'
import { maskPersonalInfo } from '../../domain/privacy'
import { type Actor, ROLE_LABELS } from '../../domain/roles'
import { campaignStartingPoint } from '../../services/campaigns'
import { IN_HAND_NAMED_AMONG, unitComplaints } from '../../services/complaints'
import { addHazardPhotos, latestHazardReportedBy, openHazardsReportedBy } from '../../services/hazard-followups'
import type { PersonRow } from '../../services/identities'
import { codeMovedFirst, codesIn, leadingCode, withoutCode, wordsBesideCodes } from '../coded-command'
import { handleComplaintCommand, noteOnComplaintInHand, takesUpComplaint } from '../complaint-actions'
import { isCourtesy } from '../courtesy'
import type { Extractor } from '../extract/extractor'
import type { ExtractedFields } from '../extract/fields'
import { namesDefect, saysNothingFound } from '../extract/hazard-statements'
import { findPlace, placeAlone } from '../extract/place'
import { extractLevel, handlingIn, turnoutSaidAlone } from '../extract/rules'
import { parseTimeRange } from '../extract/time'
import { WATCHED_THING } from '../extract/watched-things'
import { clip, formatLocal, normaliseCode } from '../format'
import { reportsWithWhatWasDone, takesOnHazard } from '../hazard-acceptance'
import {
  asksHow,
  asksHowItGoes,
  asksWhereItIs,
  endsAsQuestion,
  intentOf,
  isQuestion,
  saysFiledByOther,
  saysNoPatrolYet,
  splitHazardStatements,
} from '../intent'
import { namesARecord, recordsNamed } from '../named-records'
import {
  ASKS_WHY_NOT_HANDED,
  asksAfterOwnRecords,
  asksOwnCount,
  asksOwnOpen,
  asksToAmendRecord,
  describeOwnCount,
  describeOwnOpen,
  describeOwnRecords,
  explainAmendment,
  explainNotHanded,
} from '../own-records'
import { asksHowToAddPhoto, photoPromisedFor, promisesPhoto } from '../photo-promised'
import { readsAsWords } from '../plain-text'
import { text } from '../reply'
import { draftLastPeriod } from '../report-drafts'
import { SAYS_OTHER, SAYS_SAME } from '../same-or-other'
import type { Reply, Turn } from '../types'
import { unitByStartOfName, unitNamedIn } from '../unit-named'
import {
  type AnswerContext,
  anchorEndToStartDay,
  figuresIn,
  NIGHT,
  namesListed,
  parseAnswer,
  peopleIn,
  peopleNamed,
  SAYS_DAY,
  withDayMoved,
} from './answers'
import { bulkChecklistAnswer } from './checklist'
import { checkDraft, isVaguePlace } from './checks'
import { fieldInWords, fieldSaidWrong, readCorrection, valueAfterIs } from './corrections'
import { findNearbyOpenHazard } from './duplicates'
import { fiveFixesSaid } from './five-fixes'
import { labelledAnswers } from './labelled-answers'
import { peopleAdded, withPeopleAdded } from './people-added'
import { lastPatrolOf, repeatOf, repeatsLastPatrol, SAME_AS_BEFORE, SAME_PATROL_ALONE } from './same-as-before'
import { saveForm } from './save'
import { clearSession, lockSession, type Session, saveSession } from './session'
import { renderSummary, renderValue } from './summary'
import { announcesFinding, formWishedFor } from './wished-form'

/**
 * The form engine: one active form per person, the draft persisted between messages, only missing
 * fields asked for, a summary with absolute times, saving on 确认. Free text is read by the extractor
 * (LLM when configured, rules always); each answer to a question by its field type.
 */
export interface FormDeps {
  extractor: Extractor
  idleMs: number
  /** The gas company's emergency number, told to citizens who smell gas (GAS_EMERGENCY_PHONE). */
  gasEmergencyPhone?: string
  /** The bureau's complaint line, told to citizens who ask for a number (COMPLAINT_PHONE). */
  complaintPhone?: string
}

const STEP_CONFIRM = 'confirm'
const STEP_DISCARD = 'discard?'
const STEP_DUPLICATE = 'duplicate?'
const STEP_OVERLAP = 'overlap?'
/** A command that needs a hazard's number was sent without one: the next message may be the number. */
const STEP_CODE = 'code?'
/** Photos announced for the hazard just saved (「刚才那个隐患照片补一张」): the next photos go to it. */
const STEP_PHOTO_FOR = 'photo-for'
/**
 * A complaint's result is waiting for the handler's word: the words offered as it (「是」 sends them), or, asked for
 * with none (「回复一下市民」), the next message is the result.
 */
export const STEP_REPLY_FOR = 'reply-for'
/** How long after saving a hazard its reporter's announced photo still belongs to it. */
const PHOTO_FOR_SAVED_MS = 30 * 60_000
/** How many of the person's own open hazards words naming one are matched against. */
const OWN_HAZARDS_NAMED_AMONG = 50

export async function handleForms(turn: Turn, person: PersonRow, deps: FormDeps): Promise<Reply[] | null> {
  const { ctx, message } = turn
  const now = ctx.clock.now()
  const session = await lockSession(ctx.db, {
    channel: message.channel,
    botId: message.botId,
    senderExternalId: message.sender.externalId,
  })
  const notices: string[] = []
  if ((session.form || session.step) && session.expiresAt && session.expiresAt.getTime() < now.getTime()) {
    const title = session.form ? FORMS[session.form as FormId]?.title : undefined
    if (title) notices.push(`您的「${title}」填报超时未完成，已自动取消。`)
    clearSession(session)
  }
  const actor: Actor = { personId: person.id, role: person.role, unitId: person.unitId }
  const answers = await answerContext(turn, person)
  const held = heldEvidence(session, now)
  // A photo or a pin sent before the words that start a form belongs to that form (startForm takes it).
  if (held) evidenceWaiting.set(session, held)
  const replies = await step(turn, session, actor, answers, deps)
  // A caption with pictures (DingTalk rich text): the text was read as usual, the pictures join the draft.
  if (message.kind === 'text' && turn.mediaIds.length > 0 && session.form) attach(session, turn)
  // Not taken by a form: still held, until it goes stale.
  // A place said alone is held for the next message only (set this turn: a new object); photos and pins for longer.
  const stillHeld = evidenceWaiting.get(session)
  const kept = stillHeld && stillHeld !== held ? stillHeld : stillHeld && { ...stillHeld, place: undefined }
  if (kept && !session.form && (kept.place || kept.mediaIds.length > 0 || kept.location))
    session.draft.heldEvidence = kept
  evidenceWaiting.delete(session)
  await saveSession(ctx.db, session, now, deps.idleMs)
  if (replies === null) return notices.length > 0 ? notices.map(text) : null
  return [...notices.map(text), ...replies]
}

async function step(
  turn: Turn,
  session: Session,
  actor: Actor,
  answers: AnswerContext,
  deps: FormDeps,
): Promise<Reply[] | null> {
  const { message } = turn
  const form = session.form ? FORMS[session.form as FormId] : undefined

  if (
    message.kind === 'image' ||
    message.kind === 'file' ||
    message.kind === 'location' ||
    (message.kind === 'voice' && !message.text)
  ) {
    if (!form) {
      // A photo while a complaint's answer waits to be sent or written: it shows the result, and goes with it (it had
      // been held for a hazard report).
      const replyFor =
        session.step === STEP_REPLY_FOR ? (session.draft.replyFor as ReplyAwaited | undefined) : undefined
      if (replyFor?.code && (message.kind === 'image' || message.kind === 'file') && turn.mediaIds.length > 0) {
        session.draft.replyFor = { ...replyFor, mediaIds: [...(replyFor.mediaIds ?? []), ...turn.mediaIds] }
        return [text(WORDING.photoWithComplaintAnswer(replyFor.code, replyFor.words))]
      }
      const saved = session.step === STEP_PHOTO_FOR ? photoTarget(session) : undefined
      if (saved && (message.kind === 'image' || message.kind === 'file') && turn.mediaIds.length > 0) {
        await addHazardPhotos(turn.ctx, saved.id, actor, turn.mediaIds)
        return [text(WORDING.photoAddedToHazard(saved.code))]
      }
      // Held for a few minutes: the words that say what it shows usually follow (「先拍照，再说」).
      if (message.kind !== 'voice') holdEvidence(session, turn)
      return null
    }
    attach(session, turn)
    const what =
      message.kind === 'location' ? `位置${message.location?.label ? `（${message.location.label}）` : ''}` : '照片'
    return [text(`已添加${what}。`), ...prompt(form, session, answers)]
  }
  const typed = (message.text ?? '').replace(/@\S+\s*/g, '').trim()
  // 「再报一个」「还有一个隐患」 after a report saved: the next one, as its command would start it.
  // 「我要填巡查表」「补录昨天的巡查记录」: a form asked for by its name on paper, read as its command.
  // 「发现一个问题」 in a patrol's form: a finding of this patrol announced — what it is is asked (a new report had
  // been offered, dropping the patrol).
  if (form && hasField(form, 'hazards') && announcesFinding(typed)) return [text(WORDING.describeFinding)]
  const input = ANOTHER_HAZARD.test(typed) && !form ? '上报隐患' : (formWishedFor(typed) ?? typed)
  if (!input) return null

  // Words after photos for a saved hazard end them: the next photo starts something new again.
  if (session.step === STEP_PHOTO_FOR && !form) clearSession(session)
  // 「我再补一张照片」: a photo announced is no answer — the open question waits for it; with no form open, a
  // hazard saved a moment ago takes it.
  // 「YH… 照片」「给YH…补一张照片」: photos for a hazard named by its number, the one who reported it only.
  const photoCode = !form && normaliseCode(input)?.startsWith('YH') ? normaliseCode(input) : undefined
  if (photoCode && PHOTO_FOR_CODE.test(withoutCode(input, 'YH').replace(/^(?:给|为)/, ''))) {
    const [named] = await turn.ctx.db
      .select({ id: hazards.id, code: hazards.code, reporterId: hazards.reporterId, status: hazards.status })
      .from(hazards)
      .where(eq(hazards.code, photoCode))
    if (!named) return [text(`未找到隐患 ${photoCode}。`)]
    if (named.reporterId === null || named.reporterId !== actor.personId)
      return [text(WORDING.photoNotYourHazard(named.code))]
    if (named.status === 'closed' || named.status === 'voided') return [text(WORDING.photoHazardClosed(named.code))]
    session.step = STEP_PHOTO_FOR
    session.draft = { ...session.draft, photoFor: { id: named.id, code: named.code } }
    return [text(WORDING.photoForNamedHazard(named.code))]
  }
  // 「芙蓉路塌陷那个补一张照片」: the photo for the one of theirs the words name (it opened a report of the collapse).
  const photoNamed = form || actor.personId === null ? undefined : photoPromisedFor(input)
  if (photoNamed && namesARecord(photoNamed) && actor.personId !== null) {
    const named = recordsNamed(
      await openHazardsReportedBy(turn.ctx, actor.personId, OWN_HAZARDS_NAMED_AMONG),
      photoNamed,
    )
    const [only, other] = named
    if (!only) return [text(WORDING.photoNoHazardNamed(photoNamed))]
    if (other)
      return [text(WORDING.photoWhichHazard(named.slice(0, 5).map((h) => `· ${h.code} ${clip(h.description, 20)}`)))]
    session.step = STEP_PHOTO_FOR
    session.draft = { ...session.draft, photoFor: { id: only.id, code: only.code } }
    return [text(WORDING.photoForNamedHazard(only.code))]
  }
  if (promisesPhoto(input)) {
    const howAsked = asksHowToAddPhoto(input)
    if (form)
      return [
        text(howAsked ? WORDING.staffSupport.photo_howto : WORDING.formWaiting),
        ...prompt(form, session, answers),
      ]
    const since = new Date(turn.ctx.clock.now().getTime() - PHOTO_FOR_SAVED_MS)
    const saved = actor.personId === null ? undefined : await latestHazardReportedBy(turn.ctx, actor.personId, since)
    if (!saved) return [text(howAsked ? WORDING.staffSupport.photo_howto : WORDING.photoComing)]
    session.step = STEP_PHOTO_FOR
    session.draft = { ...session.draft, photoFor: saved }
    return [text(howAsked ? WORDING.photoForHazardHow(saved.code) : WORDING.photoForHazard(saved.code))]
  }
  if (session.step === STEP_REPLY_FOR && !form) {
    const waiting = session.draft.replyFor as ReplyAwaited | undefined
    clearSession(session)
    if (waiting && CANCEL.test(input)) return [text(WORDING.complaintReplyHeld)]
    // 「井盖的那个」「TS…0002」 to which one: that one's result is asked for.
    if (waiting?.among && actor.unitId !== null && !isQuestion(input) && [...input].length <= 30) {
      const chosen = await askComplaintOutcome(turn, session, actor.unitId, input, waiting.among)
      if (chosen) return chosen
    }
    if (waiting?.code && waiting.words && CONFIRM.test(input))
      return handleComplaintCommand(turn, actor, `回复 ${waiting.code} ${waiting.words}`, waiting.mediaIds)
    // The result asked for: what the handler says next, unless it is a question, a command or a word of chat.
    if (waiting?.code && !waiting.words && readsAsOutcome(input))
      return handleComplaintCommand(turn, actor, `回复 ${waiting.code} ${input}`, waiting.mediaIds)
    // Anything else is read as if nothing had been asked, commands first (staff.ts reads it next): 「回复 TS… 已更换灯泡」
    // about another complaint had been taken for a hazard's rectification.
    return null
  }
  if (CANCEL.test(input)) {
    // Photos or a pin held for a report not yet begun go too.
    evidenceWaiting.delete(session)
    // 「作废」 alone from those who void records: the command wants a number and a reason (it was told nothing was
    // being filled in).
    if (!form && /^作废/.test(input) && (actor.role === 'supervisor' || actor.role === 'admin'))
      return [text(WORDING.voidHow)]
    if (!form) return [text('当前没有进行中的填报。')]
    clearSession(session)
    return [text(`已取消「${form.title}」填报。`)]
  }
  if (session.step === STEP_CODE && !form) {
    const waiting = String(session.draft.commandWaiting ?? '')
    clearSession(session)
    // The number the command waited for; anything else is read as a message of its own.
    // (A command of its own with a number, 「交办 YH…」, is not that number.)
    if (waiting && leadingCode('YH', input) && withoutCode(input, 'YH').length <= 40)
      return startFromText(turn, session, actor, answers, deps, `${waiting} ${input}`)
    // 「交办」 then 「燃气办」, 「验收」 then 「通过」, 「整改」 then 「已修好」: what the command takes after the number,
    // said for the one hazard it can be about.
    const waitingForm = Object.values(FORMS).find((f) => f.commands[0] === waiting)
    if (waitingForm && (await fitsAfterCode(turn, waitingForm.id, input))) {
      const [only, ...more] = await hazardsWaitingFor(turn, waitingForm.id, actor)
      if (only && more.length === 0)
        return startFromText(turn, session, actor, answers, deps, `${waiting} ${only.code} ${input}`)
    }
  }
  if (session.step === STEP_DISCARD) {
    const pending = String(session.draft.pendingCommand ?? '')
    if (/^(放弃并开始新的|放弃|开始新的|新的|重新开始)$/.test(input)) {
      clearSession(session)
      return startFromText(turn, session, actor, answers, deps, pending)
    }
    if (/^(继续填写|继续|接着填)$/.test(input)) {
      session.step = typeof session.draft.resumeStep === 'string' ? session.draft.resumeStep : null
      delete session.draft.pendingCommand
      delete session.draft.resumeStep
      if (form) return [text(`继续填写「${form.title}」。`), ...prompt(form, session, answers)]
      return null
    }
    // Anything else: nothing is lost — another command replaces the one waiting, and the question stands. Words that
    // are no command were put in neither form: said so (the same question alone had looked as if they were taken).
    const another = matchFormCommand(input)
    if (another) session.draft.pendingCommand = input
    const choice = discardChoice(turn, form?.title ?? '填报', String(session.draft.pendingCommand ?? input))
    return another ? [choice] : [text(WORDING.choiceFirst), choice]
  }
  if (session.step === STEP_DUPLICATE && form) {
    if (SAYS_SAME.test(input)) {
      session.draft.duplicateOf = session.draft.duplicateCandidate
      session.draft.duplicateCode = session.draft.duplicateCandidateCode
      return save(turn, session, form, actor)
    }
    if (SAYS_OTHER.test(input) || /^新的[。！!]*$/.test(input)) {
      session.draft.duplicateChecked = true
      return save(turn, session, form, actor)
    }
    return [text('请回复「是」关联到已有隐患，或「否」作为新隐患上报。')]
  }
  const proposal = session.draft.proposal as { key: string; value: unknown; also?: Record<string, unknown> } | undefined
  if (proposal) {
    delete session.draft.proposal
    // 「你看着办」「随便」 to a guess offered: the guess is taken, as with 「是」 (it had been added to the description).
    if (form && (/^(是|对|是的|对的|没错|确认|嗯)$/.test(input) || LEFT_TO_US.test(input))) {
      session.draft[proposal.key] = proposal.value
      if (proposal.also) Object.assign(session.draft, proposal.also)
      return prompt(form, session, answers)
    }
  }
  // 「1 重大」「第2条是一般隐患」「重大隐患 1」: one finding of the list graded.
  const graded = GRADE_ITEM.exec(input)
  if (form && graded && Array.isArray(session.draft.hazards)) {
    const list = session.draft.hazards as Record<string, unknown>[]
    const number = parseChineseNumber(graded[1] ?? graded[4] ?? '') ?? 0
    const item = list[number - 1]
    if (!item) return [text(`没有第 ${number} 条隐患。当前共 ${list.length} 条。`)]
    const grade = graded[2] ?? graded[3] ?? ''
    list[number - 1] = { ...item, level: grade === '重大' ? 'major' : 'general' }
    // Said back, so a change made while another question waits is not a silent one.
    return [text(WORDING.findingNumberGraded(number, grade)), ...prompt(form, session, answers)]
  }
  // 「把井盖那条改成重大」: one finding named by what it is about, graded — whatever question waits (it had become
  // the handling). 「隐患改成两处」 with one finding: that finding's count of places.
  const findingsNow =
    form && Array.isArray(session.draft.hazards) ? (session.draft.hazards as Record<string, unknown>[]) : []
  const gradedByName = findingsNow.length > 0 ? GRADE_BY_NAME.exec(input) : null
  if (form && gradedByName) {
    const named = gradedByName[1] ?? ''
    const matching = findingsNow.filter((item) => String(item.description ?? '').includes(named))
    const [only] = matching
    if (only && matching.length === 1) {
      findingsNow[findingsNow.indexOf(only)] = { ...only, level: gradedByName[2] === '重大' ? 'major' : 'general' }
      return [text(WORDING.findingGraded(gradedByName[2] ?? '')), ...prompt(form, session, answers)]
    }
  }
  const recounted = findingsNow.length === 1 ? COUNT_CORRECTED.exec(input) : null
  const count = recounted ? parseChineseNumber(recounted[1] ?? '') : undefined
  if (form && count !== undefined && count > 0 && count <= 99 && findingsNow[0]) {
    findingsNow[0] = { ...findingsNow[0], count }
    return [text(`已将隐患处数改为：${count}`), ...prompt(form, session, answers)]
  }
  const listEdit = LIST_EDIT.exec(input)
  if (form && listEdit && Array.isArray(session.draft.hazards)) {
    const list = session.draft.hazards as Record<string, unknown>[]
    const number = parseChineseNumber(listEdit[2] ?? listEdit[3] ?? '') ?? 0
    const splitting = /拆/.test(listEdit[1] ?? listEdit[4] ?? '')
    const index = number - 1
    const item = list[index]
    if (!item) return [text(`没有第 ${number} 条隐患。当前共 ${list.length} 条。`)]
    let done: string
    if (!splitting) {
      list.splice(index, 1)
      done = WORDING.findingDropped(number, clip(String(item.description ?? ''), 20))
    } else {
      const parts = splitHazardStatements(String(item.description ?? ''))
      if (parts.length < 2) return [text(`第 ${number} 条只描述了一处隐患，无需拆分。`)]
      done = WORDING.findingSplit(number, parts.length)
      list.splice(
        index,
        1,
        ...parts.map((part, i) => ({
          ...item,
          // The photos stay with the first; the location is the same scene for all.
          mediaIds: i === 0 ? item.mediaIds : undefined,
          description: part,
          category: classifyByKeywords(part, answers.categoryRules),
          level: extractLevel(part),
        })),
      )
    }
    return [text(done), ...prompt(form, session, answers)]
  }
  const correction = form ? readCorrection(input, applicableFields(form, session.draft)) : undefined
  if (form && correction) {
    const parsed = parseAnswer(correction.field, correction.value, answers)
    if (!parsed.ok)
      return [text(`没能识别“${clipped(correction.value)}”。${correction.field.hint}。\n${correction.field.question}`)]
    merge(session, withDayMoved(correction.field.key, parsed.values, session.draft, answers))
    return [
      text(`已将「${correction.field.label}」改为：${shownAs(correction.field, correction.value, session, answers)}`),
      ...prompt(form, session, answers),
    ]
  }
  if (session.step === STEP_OVERLAP && form && !EDIT_LEAD.test(input)) {
    if (/^(仍然保存|仍要保存|保存|确认|是)$/.test(input)) {
      session.draft.overlapChecked = true
      return save(turn, session, form, actor)
    }
    return [text('请回复「仍然保存」保存这条记录，或发送「修改 开始时间」调整时间、「取消」放弃。')]
  }
  if (form && session.step === STEP_CONFIRM && CONFIRM.test(input)) return save(turn, session, form, actor)
  if (/^确认$/.test(input) && form) {
    // "确认" is never an answer: say what is still missing.
    const missing = form.fields.find((f) => f.key === session.step)
    return [text(`还差一项才能保存。${missing ? questionFor(missing, session.draft) : ''}`)]
  }
  // 「修改」「我要修改」「不对」 with no field named: which one is asked, with the choices.
  if (
    form &&
    /^(?:我要|我想|要|需要)?(?:修改|更改|改一下|改改)(?:一下)?[。！!~～]*$|^(?:不对|错了|有误|有错|不是这样的?)[。！!~～]*$/.test(
      input,
    )
  )
    return [text(WORDING.whichToChange(applicableFields(form, session.draft).map((f) => f.label)))]
  // 「修改 类别 燃气」, or with a form open the field's name and the value alone (「类别 燃气」「地点：人民路」).
  // 「类别不对」「地点写错了」 with no new value: that field asked again, as 「修改 类别」 does (it had been added to the
  // description).
  const saidWrong = form ? fieldSaidWrong(input, applicableFields(form, session.draft)) : undefined
  const edited =
    EDIT_LEAD.exec(input)?.[1] ??
    saidWrong ??
    (form && namesAFieldFirst(input, applicableFields(form, session.draft)) ? input : undefined)
  // 「修改 隐患描述」「删除隐患 2」 with nothing being filled in: the form's words for a saved record, which stays as
  // saved — the person is told which record is meant and how it is put right (it started a hazard form).
  if (!form && (edited !== undefined || /^(?:删除|拆分)隐患\s*\d/.test(input)) && actor.personId !== null) {
    const kind = /巡查|路段|人次|车次|开始时间|结束时间/.test(input)
      ? 'patrol'
      : /隐患|地点|等级|类别/.test(input)
        ? 'hazard'
        : 'latest'
    return [text(`当前没有进行中的填报。${await explainAmendment(turn, actor.personId, kind)}`)]
  }
  if (edited !== undefined && form) {
    // The field by its label, or by the first word when a value follows (「修改 路段 朗州路」).
    const named = edited.trim()
    const firstWord = named.split(/[\s：:]+/)[0] ?? named
    const fields = applicableFields(form, session.draft)
    const byLabel =
      fields.find((f) => f.label.includes(named) || named.includes(f.label)) ??
      (firstWord.length >= 2 ? fields.find((f) => f.label.includes(firstWord)) : undefined)
    // 「修改一下刚才的巡查记录，人数是4个」: the field in the words people use for it, the value after 是.
    const inWords = byLabel ? undefined : fieldInWords(named, fields)
    const field = byLabel ?? inWords?.field
    if (!field) return [text(`没有找到「${named}」这一项。可修改：${fields.map((f) => f.label).join('、')}`)]
    // 「修改 开始时间 昨天上午10点」: the new value came with the field's name.
    const value = inWords
      ? (valueAfterIs(named) ?? inWords.after.replace(/^[\s：:，,]+/, '').trim())
      : (named.includes(field.label) ? named.replace(field.label, '') : named.slice(firstWord.length))
          .replace(/^[\s：:，,]*(?:改成|改为|为|成|是)?[\s：:]*/, '')
          .trim()
    const given = value ? parseAnswer(field, value, answers) : undefined
    if (given?.ok) {
      merge(session, withDayMoved(field.key, given.values, session.draft, answers))
      return [
        text(`已将「${field.label}」改为：${shownAs(field, value, session, answers)}`),
        ...prompt(form, session, answers),
      ]
    }
    delete session.draft[field.key]
    session.step = field.key
    return [text(`${field.question}（${field.hint}）`)]
  }

  // While a question is open, "日巡查台账…" is an answer: a command must then stand alone or before a space.
  const answering = Boolean(form && session.step && session.step !== STEP_CONFIRM)
  // 「同上」「今天的和昨天一样」 alone, from those who patrol with nothing being filled in: the patrol, repeated.
  const matched =
    matchFormCommand(input, answering) ??
    (!form && SAME_PATROL_ALONE.test(input) && FORMS.patrol.roles.includes(actor.role as never)
      ? { form: FORMS.patrol, rest: input }
      : undefined)
  // 「整改期限能不能延长几天」 begins with 整改 but asks something: a form on a hazard needs its number, not a question.
  // 「上报错了怎么删」「巡查记录可以补录吗」 begin with a command word and ask about it: no form; what they ask is
  // answered elsewhere. A question that names a defect (「上报隐患 人民路井盖坏了吗？」) still reports it.
  // 「巡查任务推迟到明天」 begins with 巡查 and says there is no patrol to record.
  const asksInstead =
    matched?.rest &&
    isQuestion(input) &&
    ((matched.form.needsHazardCode && !normaliseCode(matched.rest)) || !namesDefect(matched.rest))
  const noPatrol = matched?.rest && matched.form.id === 'patrol' && saysNoPatrolYet(input)
  const started = asksInstead || noPatrol ? undefined : matched
  if (started) {
    // A command the role may not use says so at once, whatever is being filled in.
    if (!started.form.roles.includes(actor.role as never)) return [text(roleRefusal(started.form))]
    // 「整改完了」 while that very form waits: the same thing said again — the open form goes on (it had been offered
    // to drop it for a new one called 「整改完了」).
    if (
      form &&
      started.form.id === form.id &&
      (!started.rest || /^(?:完了|好了|完成了?|结束了?|做完了)[。！!]*$/.test(started.rest))
    )
      return [text(WORDING.sameFormOpen(form.title)), ...prompt(form, session, answers)]
    if (form && hasContent(session)) {
      session.draft.pendingCommand = input
      session.draft.resumeStep = session.step
      session.step = STEP_DISCARD
      return [discardChoice(turn, form.title, input)]
    }
    clearSession(session)
    return startForm(turn, session, actor, answers, deps, started.form, started.rest)
  }
  // 「YH…0001 验收合格」 while the 交办 of YH…0002 is being filled in: another record's business, never an answer
  // here. The draft stays; the person is told how to get to the other record.
  const otherRecord = form && answering && LEADING_RECORD.test(input) ? normaliseCode(input) : undefined
  if (form && otherRecord && otherRecord !== session.draft.hazardCode)
    return [text(WORDING.otherRecordWhileFilling(form.title, otherRecord)), ...prompt(form, session, answers)]

  if (form && session.step && session.step !== STEP_CONFIRM) {
    const field = form.fields.find((f) => f.key === session.step)
    if (field) {
      const bulk = field.type === 'check' ? bulkChecklistAnswer(form, session.draft, field, input) : undefined
      if (bulk) {
        merge(session, bulk)
        return prompt(form, session, answers)
      }
      // 「还没弄完，明天继续」 to what the rectification did: not done yet — nothing is sent for checking (it had been
      // offered as the rectification itself).
      if (form.id === 'rectification' && field.key === 'note' && NOT_FINISHED.test(input) && !SAYS_DONE.test(input)) {
        const code = String(session.draft.hazardCode ?? '')
        clearSession(session)
        return [text(WORDING.rectificationNotFinished(code))]
      }
      // 「登记事故」, then the whole account in answer to the first question (「今天上午10点，朗州路工地发生高处坠落
      // 事故，1人受伤」): read as if said with the command, every box it fills filled, not only the one asked.
      const firstAnswer = Object.keys(session.draft).length === 0
      if (
        form.restField &&
        firstAnswer &&
        [...input].length >= 12 &&
        /[，,。；;\s]/.test(input.trim()) &&
        !parseAnswer(field, input, answers).ok
      ) {
        fillFromRest(form, session, input, answers)
        // The box asked is answered as usual if the account did not fill it (a unit offered from what happened).
        if (session.draft[field.key] !== undefined) return prompt(form, session, answers)
      }
      // 「检查了3个工地的资料」 to 「督查组成员有哪些？」: an answer for another box of the supervision record goes
      // there (the matters, the problems found, the requirements), and the question is asked again.
      // 「检查了3个工地 发现2个问题 一是… 二是…」 said to when: each clause in its box, as if told with the command.
      const boxesTold =
        form.id === 'supervision' && !firstAnswer ? supervisionBoxesTold(form, session, field, input, answers) : []
      if (boxesTold.length > 0)
        return [text(WORDING.notedInAnotherBox(...boxesTold)), ...prompt(form, session, answers)]
      const otherBox = form.id === 'supervision' ? supervisionBoxOf(input, field.key, session.draft) : undefined
      if (otherBox) {
        session.draft[otherBox.key] = otherBox.said
        const label = form.fields.find((f) => f.key === otherBox.key)?.label ?? ''
        return [text(WORDING.notedInAnotherBox(label)), ...prompt(form, session, answers)]
      }
      // 「一名工人从脚手架坠落受伤」「1人受伤」「已送医」 to the accident's grade or its deaths: the account, kept in
      // 「经过和认定」, and the question asked again (they had been refused, or 「1人受伤」 counted as one dead).
      // (The whole account in answer to the first question is read above, box by box.)
      if (
        form.id === 'accident' &&
        !firstAnswer &&
        field.key !== 'description' &&
        tellsTheAccount(field, input, answers)
      ) {
        const told = typeof session.draft.description === 'string' ? session.draft.description : ''
        session.draft.description = told ? `${told}；${input}` : input
        const label = form.fields.find((f) => f.key === 'description')?.label ?? ''
        // A unit offered to confirm is offered again, not lost to the account.
        offerAgain(session, proposal, field.key)
        return [text(WORDING.notedInAnotherBox(label)), ...prompt(form, session, answers)]
      }
      // 「责任人王刚，措施是停气抢修，资金由施工单位承担，时限…」: the 五落实 named in one answer, each to its box.
      if (form.id === 'assignment' && mergeFiveFixes(form, session, input, answers))
        return prompt(form, session, answers)
      // 「在人民路和建设路交叉口」 in answer to what was found says where, not what: kept as the place, and the
      // question is asked again.
      const placeOnly = field.key === 'description' && hasField(form, 'locationText') ? placeAlone(input) : undefined
      if (placeOnly) {
        session.draft.locationText = placeOnly
        return [text(WORDING.placeNotedAskWhat(placeOnly)), ...prompt(form, session, answers)]
      }
      // 「？」「这个算重大吗」「要算上我吗？」: a question back, not the answer — the question is explained and stays open.
      // (「井盖坏了吗？」 still describes a defect.)
      // 「不确定」「不知道」 say the same: the person needs the question explained, not to be told it was not understood.
      // 「在哪里填」「填在哪」: the answer goes right here, in the chat.
      if (WHERE_TO_FILL.test(input)) return [text(WORDING.answerHere(questionFor(field, session.draft)))]
      // 「发错了」「打错了」 while a question waits: nothing to keep (it had become the route, or a hazard's description);
      // the question stays, and how to put an earlier answer right is said.
      if (MISSENT_IN_FORM.test(input)) return [text(WORDING.missentInForm(questionFor(field, session.draft)))]
      if (
        /^[?？]+$/.test(input) ||
        UNSURE.test(input) ||
        LEFT_TO_US.test(input) ||
        ((endsAsQuestion(input) || asksHow(input)) && !namesDefect(input))
      ) {
        // 「拍照怎么传」: how to send a photo, whatever the open question.
        if (/照片|拍照|图片|相片|视频/.test(input)) {
          offerAgain(session, proposal, field.key)
          return [text(WORDING.photoHowTo), ...prompt(form, session, answers)]
        }
        return [text(field.type === 'level' ? WORDING.levelHelp : `${field.question}（${field.hint}）`)]
      }
      // 「等一下，我拍个照片」: a moment asked for, not the answer. The question stays open.
      if (WAIT.test(input) || THINKING.test(input)) {
        offerAgain(session, proposal, field.key)
        return [
          text(THINKING.test(input) ? WORDING.formThinking : WORDING.formWaiting),
          ...prompt(form, session, answers),
        ]
      }
      // 「好的」「嗯」「你好」「👍」 to a question that takes words: no answer (「你好」 had become a hazard found, 「ok」 a
      // place). With a value on offer, 「好的」 may accept it, which the proposal's own reading decides.
      if (proposal === undefined && WORDY_FIELDS.has(field.type) && CHATTER.test(input))
        return [text(`没能识别“${clipped(input)}”。${field.hint}。\n${questionFor(field, session.draft)}`)]
      // 「建设路和人民路交叉口路面塌陷」 in answer to where says where and what: the place is the place it names, and the
      // words join the description.
      const statedPlace = field.key === 'locationText' && namesDefect(input) ? findPlace(input) : undefined
      if (statedPlace && [...input].length > [...statedPlace].length + 2) {
        session.draft.locationText = statedPlace
        const said = session.draft.description
        if (typeof said === 'string' && !said.includes(input)) session.draft.description = `${said}；${input}`
        return prompt(form, session, answers)
      }
      // 「一般」 in answer to where, to the kind or to what was found: the grade (or, to where, the kind) said ahead
      // of its question is kept, and the question is asked again — a grade is never a place, a kind or a finding.
      const early = EARLY_ANSWERED.has(field.key)
        ? applicableFields(form, session.draft).find(
            (f) =>
              f.key !== field.key &&
              // A kind only by its name, and only for where: 「工地」「燃气站」 may well be the place.
              (f.type === 'level' || (f.type === 'category' && field.key === 'locationText' && namesAKind(input))) &&
              // A grade already read from the description is said again, not a place (「重大」 to where).
              (session.draft[f.key] === undefined || f.type === 'level') &&
              input.length <= 4 &&
              parseAnswer(f, input, answers).ok,
          )
        : undefined
      if (early) {
        const parsedEarly = parseAnswer(early, input, answers)
        if (parsedEarly.ok) merge(session, parsedEarly.values)
        // A guess offered for this question is offered again, not lost to the early answer.
        offerAgain(session, proposal, field.key)
        // Said back, so the person knows the answer was taken and what the question still asks.
        const value = parsedEarly.ok ? parsedEarly.values[early.key] : undefined
        const shown =
          value === 'major' || value === 'general'
            ? HAZARD_LEVEL_LABELS[value]
            : typeof value === 'string' && isCategory(value)
              ? CATEGORY_LABELS[value]
              : input
        return [text(WORDING.keptForLater(early.label, shown)), ...prompt(form, session, answers)]
      }
      // 「朗州路与皂果路交叉口东南角工地」 to the kind or the grade: where, more exactly — the place, never more of the
      // description; the kind the place names (工地) answers the kind asked, and any other question stands.
      const placeInstead =
        (field.type === 'category' || field.type === 'level') && hasField(form, 'locationText') && !namesDefect(input)
          ? placeAlone(input)
          : undefined
      if (placeInstead) {
        session.draft.locationText = placeInstead
        const kind = field.type === 'category' && namesAKind(input) ? parseAnswer(field, input, answers) : undefined
        if (kind?.ok) merge(session, kind.values)
        else offerAgain(session, proposal, field.key)
        return [text(WORDING.placeNotedAskWhat(placeInstead)), ...prompt(form, session, answers)]
      }
      // 「重大」 said to how it was handled grades what was found (one finding: that one), never the handling.
      const grade = field.key === 'handlingResult' ? GRADE_ALONE.exec(input)?.[1] : undefined
      const findings = Array.isArray(session.draft.hazards) ? (session.draft.hazards as Record<string, unknown>[]) : []
      if (grade && findings.length > 0) {
        if (findings.length > 1) return [text(WORDING.gradeWhichFinding), ...prompt(form, session, answers)]
        session.draft.hazards = [{ ...findings[0], level: grade === '重大' ? 'major' : 'general' }]
        return [text(WORDING.findingGraded(grade)), ...prompt(form, session, answers)]
      }
      // 「有」「有的」 to what was found: the finding itself is asked for, nothing refused.
      if (field.type === 'hazards' && /^(?:有|有的|有隐患|有问题|发现了|发现了?隐患)[。！!]*$/.test(input))
        return [text(WORDING.describeFinding)]
      // 「3个人」「1台车」 said to the route, or a car said to 人次: the counts are kept where they belong, and the
      // question stands until it is answered.
      const turnout = hasField(form, 'staffCount') ? turnoutSaidAlone(input) : undefined
      if (turnout) {
        merge(session, turnout)
        if (field.key in turnout) return prompt(form, session, answers)
        offerAgain(session, proposal, field.key)
        return [text(WORDING.turnoutNoted(turnout)), ...prompt(form, session, answers)]
      }
      // 「我和小李」 said to when it began: who went (and how many), kept for those questions; the question stands
      // (it had been refused as no time).
      const went =
        field.key !== 'staffCount' && hasField(form, 'staffCount') && session.draft.staffCount === undefined
          ? peopleNamed(input.trim().replace(/[。！!~～]+$/, ''))
          : undefined
      if (went && went.others.length > 0 && answers.reporterName) {
        const people = [answers.reporterName, ...went.others].join('、')
        merge(session, { staffCount: went.count, patrollers: people })
        offerAgain(session, proposal, field.key)
        return [text(WORDING.keptForLater('巡查人员', people)), ...prompt(form, session, answers)]
      }
      // 「张三 李四 王五」 said to 车次: who went, not how many vehicles. Kept as the patrol's people (and their
      // number when none was said), and the question asked again.
      const named = field.key === 'vehicleCount' && hasField(form, 'patrollers') ? namesListed(input) : undefined
      if (named) {
        const people = named.join('、')
        merge(session, {
          patrollers: people,
          ...(session.draft.staffCount === undefined ? { staffCount: named.length } : {}),
        })
        offerAgain(session, proposal, field.key)
        return [text(WORDING.keptForLater('巡查人员', people)), ...prompt(form, session, answers)]
      }
      // 「昨天晚上八点」 said to which unit, 「人民路」 said to when: the answer to a question still to come, kept for
      // it, and the open question asked again.
      const forLater = answerForLater(form, session, field, input, answers)
      if (forLater) {
        merge(session, forLater.values)
        offerAgain(session, proposal, field.key)
        // 「8点半到11点」 said to 人次 gives both ends: it is the time, not only its start.
        const bothEnds = forLater.values.startedAt !== undefined && forLater.values.endedAt !== undefined
        const label = bothEnds ? '时间' : forLater.field.label
        // (A long finding is said back by its start: the summary shows it whole.)
        return [text(WORDING.keptForLater(label, clip(input, 40))), ...prompt(form, session, answers)]
      }
      // The day given alone before (「昨天」, kept as `startedAtDay`) goes in front of a time said without one.
      // So does the day of a time offered to confirm (「开始时间是「11月20日 09:00」吗？」 then 「9点到11点」: the 20th's).
      const day = session.draft[`${field.key}Day`] ?? dayOfProposal(proposal, field, answers.timeZone)
      const said =
        typeof day === 'string' && field.type === 'datetime' && !SAYS_DAY.test(input) ? `${day}${input}` : input
      // The figures still wanted after some were given: 「0」 is the next one, not 「none of them」.
      const figuresSoFar = field.type === 'figures' && Array.isArray(session.draft[`${field.key}SoFar`])
      const inTurn = figuresSoFar ? figuresInTurn(session, field, input) : undefined
      if (inTurn?.done) return prompt(form, session, answers)
      if (inTurn) return [text(inTurn.ask)]
      // 「组长陈刚 组员王强 李娜」: answers given after their labels, several at once — each kept in its box (the
      // leader's question had refused them all).
      const labelled = form.extraction
        ? undefined
        : labelledAnswers(applicableFields(form, session.draft), input, answers)
      if (labelled) {
        merge(session, labelled)
        return prompt(form, session, answers)
      }
      const read = parseAnswer(field, said, answers)
      // 「检查了3个工地」 after 「今天上午」: the day put in front of it is all the time there is — no answer.
      const parsed =
        read.ok && said !== input && read.values[field.key] === undefined && !parseAnswer(field, input, answers).ok
          ? ({ ok: false } as const)
          : read
      if (!parsed.ok) {
        // 「2」 then 「3」 to a question asking for two figures: each kept in turn, and the next asked for by name
        // (each alone had been refused).
        const partly = field.type === 'figures' ? figuresInTurn(session, field, input) : undefined
        if (partly?.done) return prompt(form, session, answers)
        if (partly) return [text(partly.ask)]
        // A whole new report instead of the answer: the same choice as a new command, nothing lost.
        const intent = [...input].length >= 8 ? intentOf(input) : undefined
        if ((intent === 'patrol' || intent === 'hazard') && hasContent(session)) {
          const command = `${intent === 'patrol' ? '巡查' : '上报隐患'} ${input}`
          session.draft.pendingCommand = command
          session.draft.resumeStep = session.step
          session.step = STEP_DISCARD
          return [discardChoice(turn, form.title, command)]
        }
        // 「好了」「拍好了」 after a photo or a pause: the open question is asked again, nothing is refused.
        if (DONE_WAITING.test(input)) {
          offerAgain(session, proposal, field.key)
          return prompt(form, session, answers)
        }
        // 「大概有半米深」 in answer to the kind or the grade says more about the problem: the description keeps it
        // and the question stays open.
        // 「路灯」 then 「不亮」: what is wrong, said after the thing, however short.
        const completesThing =
          typeof session.draft.description === 'string' && !namesDefect(session.draft.description) && namesDefect(input)
        if (
          (field.type === 'category' || field.type === 'level') &&
          typeof session.draft.description === 'string' &&
          ([...input].length >= 4 || completesThing) &&
          readsAsWords(input) &&
          // 「2点到4点半」「2人1车」: a time or a turn-out is nothing about the problem itself.
          !TIME_ONLY.test(input) &&
          !turnoutSaidAlone(input) &&
          !isQuestion(input) &&
          // 「应该不算重大吧」 is a try at the grade, not a detail.
          !/一般|重大|较大|严重|类别|类型/.test(input)
        ) {
          // 「井盖」 then 「松动了」 reads as one statement, 「井盖松动了」; more about a defect already named is kept apart.
          // (「描述加上：已设警示桩」: the words that say it is added are not part of it.)
          const added = input.replace(ADDING_LEAD, '') || input
          session.draft.description = completesThing
            ? `${session.draft.description}${added}`
            : `${session.draft.description}；${added}`
          offerAgain(session, proposal, field.key)
          return [text(WORDING.addedToDescription), ...prompt(form, session, answers)]
        }
        // 「刚才」「之前」 to when: a time was meant but not said — asked for as people give one.
        if (field.type === 'datetime' && VAGUE_TIME.test(input))
          return [text(`${WORDING.vagueTime(clipped(input))}\n${questionFor(field, session.draft)}`)]
        // 「挺严重的」 to the kind or the grade: how bad is no kind, and the grade goes by the listed 情形, not by degree.
        if ((field.type === 'category' || field.type === 'level') && DEGREE_ONLY.test(input)) {
          offerAgain(session, proposal, field.key)
          return [
            text(field.type === 'level' ? WORDING.levelByDegree : WORDING.categoryNotDegree),
            ...prompt(form, session, answers),
          ]
        }
        // 「皂果路在建工地」 in answer to which unit: the unit that handles what it names is offered.
        const unitGuess = field.type === 'unit' ? unitHandling(input, answers) : undefined
        if (unitGuess !== undefined) {
          offerGuess(session, field.key, unitGuess)
          return prompt(form, session, answers)
        }
        return [text(`没能识别“${clipped(input)}”。${field.hint}。\n${questionFor(field, session.draft)}`)]
      }
      if (field.key === 'endedAt') anchorEndToStartDay(parsed.values, session.draft, input, answers)
      merge(session, parsed.values)
      const dayAlone = parsed.values[`${field.key}Day`]
      if (typeof dayAlone === 'string' && parsed.values[field.key] === undefined)
        return [text(dayKnownQuestion(field, dayAlone))]
      // 「井盖没了」 in answer to the kind says what is wrong as well: the description keeps it.
      if (field.type === 'category' && saysMoreThanAKind(input) && typeof session.draft.description === 'string')
        session.draft.description = `${session.draft.description}；${input}`
      // A description answered in a sentence often says where, what kind and how serious too
      // (「学府路桥伸缩缝断裂，车辆颠簸严重」): what it says is not asked again; what was already answered stays.
      if (form.extraction && field.key === 'description') {
        const more = normalise(
          form,
          withGuessesSetAside(
            session,
            await deps.extractor.extract(form.extraction, input, extractionContext(answers)),
          ),
          input,
        )
        for (const [key, value] of Object.entries(more))
          if (key !== 'description' && session.draft[key] === undefined) session.draft[key] = value
      }
      return prompt(form, session, answers)
    }
  }
  if (form && session.step === STEP_CONFIRM && /^[?？]+$/.test(input)) return prompt(form, session, answers)
  if (form && session.step === STEP_CONFIRM) {
    // A bare answer to a field that cannot be mistaken (「一般」「重大」, a category) changes that field. A kind
    // is its name or a word or two (「燃气」「井盖」), not a sentence that mentions one (「已通知物业」).
    const plain = applicableFields(form, session.draft).find(
      (f) =>
        (f.type === 'level' || (f.type === 'category' && !saysMoreThanAKind(input) && input.length <= 4)) &&
        input.length <= 8 &&
        parseAnswer(f, input, answers).ok,
    )
    if (plain) {
      const parsed = parseAnswer(plain, input, answers)
      if (parsed.ok) merge(session, parsed.values)
      return prompt(form, session, answers)
    }
    // 「谢谢」「哦」 at the summary are courtesy, not more details: the summary is shown again as it was. So is an
    // answer to no question asked (「是同一个」「不是」).
    if (isCourtesy(input) || /^(?:是|不是|对|不对)?(?:同一个|同一处|一样的|不一样)?(?:的|吧|啊)?[。！!]*$/.test(input))
      return prompt(form, session, answers)
    // 「等一下」「我想想」 at the summary: a moment asked for, not more details (「等一下」 had been added to the
    // description).
    if (WAIT.test(input) || THINKING.test(input))
      return [
        text(THINKING.test(input) ? WORDING.formThinking : WORDING.formWaiting),
        ...prompt(form, session, answers),
      ]
    // A question (「我今天报了几条」「怎么报隐患」) is not more details: the draft stays as it was, waiting.
    if (isQuestion(input)) return [text(WORDING.draftWaiting(form.title)), ...prompt(form, session, answers)]
    // 「再报一个」 at a hazard's summary: the next one is said in the next message and kept apart from this one (the
    // words had been added to the description).
    if (form.id === 'hazard' && ANOTHER_HAZARD.test(input))
      return [text(WORDING.nextHazardWithThis), ...prompt(form, session, answers)]
    // 「照片」「拍照」 alone at the summary: how a photo is sent, never a word of the description.
    if (/^(?:照片|图片|相片|拍照|发照片|传照片|上传照片|加照片|补照片)[。！!？?]*$/.test(input))
      return [text(WORDING.photoHowTo), ...prompt(form, session, answers)]
    // 「删掉车」「去掉带队人」: a change asked for without the form's words — which field, and how, is said.
    if (/^(?:把|将)?(?:删掉|去掉|删除|删了|不要)/.test(input))
      return [
        text(WORDING.whichToChange(applicableFields(form, session.draft).map((f) => f.label))),
        ...prompt(form, session, answers),
      ]
    // 「加一个巡查人员李四」: one more of those who went, and the count at least as many as named (extraction had
    // made 李四 the only one).
    const added = hasField(form, 'patrollers') ? peopleAdded(input) : undefined
    if (added) {
      const current = typeof session.draft.patrollers === 'string' ? session.draft.patrollers : answers.reporterName
      const everyone = withPeopleAdded(current, added)
      session.draft.patrollers = everyone.join('、')
      const counted = session.draft.staffCount
      if (typeof counted !== 'number' || counted < everyone.length) session.draft.staffCount = everyone.length
      return [text(`已将「巡查人员」改为：${everyone.join('、')}`), ...prompt(form, session, answers)]
    }
    // More details after the summary: read them like the first message and show the summary again. A
    // description is added to, never replaced by the newest sentence. A paste or noise is no detail.
    if (!readsAsWords(input)) return [text(WORDING.notADetail), ...prompt(form, session, answers)]
    // A form that reads no sentence (the rectification's, a supervision's): the words are not put in it — said so,
    // with how a field is changed (「这个路灯杆不归我们管」 had been dropped without a word).
    const reads = form.extraction
    if (!reads) return [text(WORDING.wordsNotInForm(form.title)), ...prompt(form, session, answers)]
    // 「补充一下 已设围挡」: what is added, without the words that say it is added.
    const addedWords = input.replace(ADDING_LEAD, '') || input
    const extra = normalise(
      form,
      withGuessesSetAside(session, await deps.extractor.extract(reads, addedWords, extractionContext(answers))),
      addedWords,
    )
    if (typeof extra.description === 'string' && typeof session.draft.description === 'string')
      extra.description = `${session.draft.description}；${extra.description}`
    // A kind read from words said in passing (「已通知物业」) does not replace the one shown: a kind is
    // changed by naming it (「燃气」「修改 类别」).
    if (session.draft.category !== undefined) delete extra.category
    // Words naming nothing wrong add no finding (「删掉车」 had been listed as a hazard 「待定」).
    if (!namesDefect(input) && !dangerIn(input)) delete extra.hazards
    merge(session, extra)
    return prompt(form, session, answers)
  }
  // 「YH20261123-0001 已经整改好了」: a hazard's code and what was done about it is a rectification report — the
  // number said last (「已经加固好了 YH…」) the same.
  const codeFirst = form ? undefined : leadingCode('YH', input) ? input : codeMovedFirst('YH', input)
  const leading = codeFirst ? leadingCode('YH', codeFirst) : undefined
  // 「YH… 整改期限能延长一周吗」 asks; it reports nothing done.
  if (
    leading &&
    (REPAIR_DONE.test(leading.after) || SAYS_FIXED.test(leading.after)) &&
    !isQuestion(leading.after) &&
    !/[吗么][？?。！!]*$|能否|可否/.test(leading.after)
  ) {
    // 「YH…1和YH…2都整改好了」: each hazard's rectification is its own record, with its own photos.
    const named = codesIn('YH', input)
    if (named.length > 1) return [text(WORDING.oneRectificationAtATime(named, wordsBesideCodes('YH', input)))]
    return startFromText(turn, session, actor, answers, deps, `整改 ${codeFirst}`)
  }
  // 「回复 已安排人员更换井盖」: the reply's own word, without the number, says a complaint is answered — never a
  // hazard rectified (it had started the rectification of a hazard of the same thing).
  if (!form && !leading && actor.role === 'unit_handler' && actor.unitId !== null && REPLY_VERB_FIRST.test(input))
    return whichRectified(turn, session, actor.unitId, input, [], [])
  // 「回复一下市民」「这个井盖的投诉办结了」: the result of a complaint in hand, asked for before it is sent.
  if (!form && !leading && actor.role === 'unit_handler' && actor.unitId !== null && asksToAnswerCitizen(input))
    return (await askComplaintOutcome(turn, session, actor.unitId, input)) ?? [text(WORDING.noComplaintInHand)]
  // 「这是整改后的照片」 after the photo: the rectification of the one hazard it can be, its photo held for it and
  // what was done still to be asked (it was not understood).
  if (!form && !leading && actor.role === 'unit_handler' && actor.unitId !== null && PHOTO_OF_REPAIR.test(input)) {
    const { named, open } = await handlersHazardNamed(turn, actor.unitId, input, actor.personId)
    const [meant] = named.length === 1 ? named : open.length === 1 ? open : []
    if (meant) return startFromText(turn, session, actor, answers, deps, `整改 ${meant.code}`)
    if (open.length === 0) return [text(WORDING.noRectificationWaiting)]
    return whichRectified(turn, session, actor.unitId, input, named, open)
  }
  // 「朗州北路的井盖已经换好了」 from a unit's handler or patroller: the rectification of the one hazard of theirs it
  // names. 「刚才那个隐患整改好了」 names the one this person reported last. A finding handled on the spot
  // (「发现人民路井盖松动，已固定好」, a patrol's 「…发现井盖松动已固定」) is a report, not a rectification.
  if (
    !form &&
    !leading &&
    (actor.role === 'unit_handler' || actor.role === 'field_staff') &&
    actor.unitId !== null &&
    SAYS_FIXED.test(input) &&
    !isQuestion(input) &&
    !REPORTS_A_FINDING.test(input) &&
    intentOf(input) !== 'patrol'
  ) {
    const { named, open } = await handlersHazardNamed(turn, actor.unitId, input, actor.personId)
    // (「刚才那个隐患」 only said which: what was done is the rest.)
    const done = input.replace(POINTS_AT_LATEST, '').replace(/^(?:隐患|问题)/, '') || input
    if (named.length === 1) return startFromText(turn, session, actor, answers, deps, `整改 ${named[0]?.code} ${done}`)
    // 「已经修补好了」 naming nothing, from a handler whose unit has one hazard under rectification and no complaint in
    // hand: that one (it was asked which, the one listed).
    const [onlyOpen, otherOpen] = open
    if (
      actor.role === 'unit_handler' &&
      onlyOpen &&
      !otherOpen &&
      !namesARecord(input) &&
      (await unitComplaints(turn.ctx.db, actor.unitId, ['assigned', 'accepted'], 1)).length === 0
    )
      return startFromText(turn, session, actor, answers, deps, `整改 ${onlyOpen.code} ${done}`)
    // A unit's handler is asked which, or told nothing waits; a patroller's words naming none of the unit's
    // hazards are a report of what they found and did (below).
    if (actor.role === 'unit_handler') return whichRectified(turn, session, actor.unitId, input, named, open)
  }
  // 「YH… 验收通过」「YH… 验收不合格，井盖未固定」: the check of the rectification.
  const verdict = leading ? VERIFIED.exec(leading.after) : null
  if (leading && verdict)
    return startFromText(turn, session, actor, answers, deps, `验收 ${leading.code} ${verdict[1] ?? ''}`)
  // 「YH… 五落实」「YH… 落实五落实」: a major hazard's 五落实 is filled in as it is handed over (交办) — with what
  // the words already say of it (「YH… 五落实：责任人王强，措施…」), and the hazard named by its place or thing
  // (「人民路塌陷那个五落实：…」; it had started a new hazard report).
  const fiveFixes = form ? undefined : FIVE_FIXES_SAID.exec(leading ? leading.after : input)
  const [, fixesName = '', fixesSaid = ''] = fiveFixes ?? []
  if (fiveFixes && leading)
    return startFromText(turn, session, actor, answers, deps, `交办 ${leading.code} ${fixesSaid}`)
  if (fiveFixes && namesARecord(fixesName) && FORMS.assignment.roles.includes(actor.role as never)) {
    const named = recordsNamed(await hazardsWaitingFor(turn, 'assignment', actor, CANDIDATES_NAMED), fixesName)
    const [only] = named.length === 1 ? named : []
    if (only) return startFromText(turn, session, actor, answers, deps, `交办 ${only.code} ${fixesSaid}`)
  }
  // 「五落实 责任人李娜 措施…」 from someone who does not hand hazards over (a unit's handler): the 五落实 is recorded
  // by the supervising office as it hands the hazard over (it was not understood).
  if (
    !form &&
    /五落实/.test(input) &&
    !FORMS.assignment.roles.includes(actor.role as never) &&
    !isQuestion(input) &&
    !/什么|怎么|哪些|如何|吗/.test(input)
  )
    return [text(WORDING.fiveFixesAtAssignment)]
  // 「把YH… 验收一下」: the check, its verdict still to be asked.
  if (leading && /^(?:去|来)?验收(?:一下|下)?(?:吧)?[。！!]*$/.test(leading.after))
    return startFromText(turn, session, actor, answers, deps, `验收 ${leading.code}`)
  // 「朗州路护栏那个验收一下，没问题」: the check of the one rectified hazard the words name, without its number.
  // (「上周销号了几个」 asks about the ledger, and words that name no hazard are left to the other answers.)
  // 「恒大那个脚手架去看了 整改到位了」: a re-check told without 验收 is one too.
  if (
    !form &&
    !leading &&
    FORMS.verification.roles.includes(actor.role as never) &&
    (VERIFY_IN_WORDS.test(input) || RECHECKED.test(input)) &&
    !isQuestion(input) &&
    !/几|多少|率/.test(input)
  ) {
    const waiting = await turn.ctx.db
      .select({ code: hazards.code, description: hazards.description, locationText: hazards.locationText })
      .from(hazards)
      .where(eq(hazards.status, 'awaiting_verification'))
    const named = recordsNamed(waiting, input)
    const [only] = named.length === 1 ? named : []
    if (only) return startFromText(turn, session, actor, answers, deps, `验收 ${only.code} ${verdictInWords(input)}`)
    // Named, but its unit has not reported it rectified: nothing to check yet (「…验收不合格 连墙件还是不够」 had
    // opened a hazard form).
    if (named.length === 0) {
      const notYet = recordsNamed(
        await turn.ctx.db
          .select({
            code: hazards.code,
            description: hazards.description,
            locationText: hazards.locationText,
            status: hazards.status,
          })
          .from(hazards)
          .where(inArray(hazards.status, ['assigned', 'rectifying'])),
        input,
      )
      const [pending] = notYet
      if (pending && notYet.length === 1)
        return [text(WORDING.notRectifiedYet(pending.code, HAZARD_STATUS_LABELS[pending.status]))]
    }
    if (named.length > 1)
      return [
        text(
          `请问验收哪一处？请回复「验收 编号 通过」或「验收 编号 不通过 原因」。待验收的隐患：\n${named
            .slice(0, 5)
            .map((h) => `· ${h.code} ${clip(h.description, 20)}`)
            .join('\n')}`,
        ),
      ]
  }
  // 「滨江路万达工地的投诉我们去看了 确实在夜间施工 已经责令停工」: a unit's words about a complaint in hand, named by
  // its place or thing — its result offered when they say what was done, its 办理进展 otherwise. (They had opened a
  // major hazard report of the site.)
  if (!form && actor.role === 'unit_handler' && actor.unitId !== null) {
    const aboutComplaint = await complaintSpokenOf(turn, actor.unitId, input)
    if (aboutComplaint) {
      if (RESULT_SAID.test(input)) {
        const words = input.replace(POINTER_BEFORE_DONE, '$1') || input
        awaitReplyFor(session, { code: aboutComplaint, words })
        return [text(WORDING.replyWithTheseWords(aboutComplaint, words))]
      }
      const noted = await noteOnComplaintInHand(turn, actor, `${aboutComplaint} ${input}`)
      if (noted) return noted
    }
  }
  // No form yet: a message that reads like a patrol report or a hazard starts the matching form — with or
  // without the command word, typos and all. Danger words make it a major hazard at once (confirmed in
  // the summary like any other).
  const danger = dangerIn(input)
  // 「朗州路护栏的隐患我们明天去修」 from a unit's handler takes on a hazard handed to them (staff.ts): it names
  // one, it reports none.
  // (「恒大工地塔吊没有备案 已经下了停工通知」 reports what was found, with what was done: the hazard form.)
  if (!form && !danger && actor.role === 'unit_handler' && takesOnHazard(input) && !reportsWithWhatWasDone(input))
    return null
  // 「我上周报的那个隐患怎么样了」「刚才那条巡查记录写错了」 name a form's words but ask after a saved record.
  if (!danger && actor.personId !== null) {
    const howMany = asksOwnCount(input)
    // 「今天巡查了吗」 from a leader or the duty officer, who file no patrols: whether the units patrolled, which the
    // ledger answers (they had been told they had no patrol record of their own).
    const othersPatrols =
      howMany?.kind === 'patrol' && !/我|本人/.test(input) && !FORMS.patrol.roles.includes(actor.role as never)
    if (howMany && !othersPatrols) return [text(await describeOwnCount(turn, actor.personId, howMany))]
    // 「我上报的隐患有几个没整改」; 「我还有几个隐患没整改」 from a patroller, whose hazards are those they reported.
    if (asksOwnOpen(input, actor.role === 'field_staff')) return [text(await describeOwnOpen(turn, actor.personId))]
    const asked = asksAfterOwnRecords(input)
    if (asked) return [text(await describeOwnRecords(turn, actor.personId, asked, input))]
    const amend = asksToAmendRecord(input)
    if (amend) return [text(await explainAmendment(turn, actor.personId, amend))]
    // 「刚才发的隐患为什么没有交办」: why the one they reported last has no unit yet (it was not understood).
    if (ASKS_WHY_NOT_HANDED.test(input)) return [text(await explainNotHanded(turn, actor.personId))]
  }
  // 「事故：今天上午10点，朗州路燃气管道被挖断」 from those who record accidents: the accident record, whatever it names.
  // 「报一起事故」「登记一起安全事故」: the accident record asked for in words, as its command is.
  if (ACCIDENT_ASKED.test(input)) return startFromText(turn, session, actor, answers, deps, FORMS.accident.commands[0])
  const accident = ACCIDENT_LABEL.exec(input)
  if (accident && FORMS.accident.roles.includes(actor.role as never))
    return startForm(turn, session, actor, answers, deps, FORMS.accident, input.slice(accident[0].length))
  // 「今天下午去质安处督查了，带队的是王科长」 from those who keep the supervision records: that record, with what it
  // already says — not a patrol, though it checked sites.
  const supervises = FORMS.supervision.roles.includes(actor.role as never)
  if (
    !danger &&
    supervises &&
    // (「今天去质安处检查了 没发现问题」: a visit to a unit, done, is the same record said without 督查; so is 「昨天下午
    // 检查了燃气 发现…」, a unit's name after the check — it was not understood — and 「今天去市政检查了」, which had
    // started a patrol record.)
    (SUPERVISION_DONE.test(input) ||
      ((UNIT_VISITED.test(input) || (await unitVisitedByShortName(turn, input, true))) &&
        !SUPERVISION_PLANNED.test(input)) ||
      (UNIT_CHECKED.test(input) &&
        !SUPERVISION_PLANNED.test(input) &&
        (await unitNamedIn(turn, input, { shortInSentence: true })) !== undefined)) &&
    !isQuestion(input) &&
    // 「督查一下市政的整改情况」 asks to see how it stands (answered from the ledger); it records no inspection.
    !/^(?:请|去|帮我)?督查一下/.test(input) &&
    // 「本月督查了几次」 asks how many (「好几次」 counts, and 「来了几次都没修」 is no question anywhere else).
    !/(?<![好十])几次|多少次/.test(input)
  ) {
    // 「明天去质安处督查」 is a plan: the record is kept once the inspection is done.
    if (SUPERVISION_PLANNED.test(input) && !/了[。！!]*$|过了|完了/.test(input))
      return [text(WORDING.supervisionPlanned)]
    return startForm(turn, session, actor, answers, deps, FORMS.supervision, input)
  }
  // 「我们组今天去燃气办检查了」 from those who patrol in teams but keep no supervision records: the team's visit to a
  // unit (source 001), its form started with what the words say (it was not understood).
  if (
    !danger &&
    FORMS.team.roles.includes(actor.role as never) &&
    !FORMS.supervision.roles.includes(actor.role as never) &&
    UNIT_VISITED.test(input) &&
    !SUPERVISION_PLANNED.test(input) &&
    !isQuestion(input) &&
    !namesDefect(input)
  )
    return startForm(turn, session, actor, answers, deps, FORMS.team, input, teamVisitSaid(input, answers))
  // 「明天去燃气办检查」 from them: a team's visit to come — recorded once done.
  if (
    FORMS.team.roles.includes(actor.role as never) &&
    !FORMS.supervision.roles.includes(actor.role as never) &&
    UNIT_VISIT.test(input) &&
    SUPERVISION_PLANNED.test(input) &&
    !isQuestion(input)
  )
    return [text(WORDING.teamVisitPlanned)]
  // 「我明天要去桥管处检查」: a visit to a unit to come, said without 督查 — a plan too, nothing to record yet. So is
  // 「明天去市政检查 帮我登记一下」, the unit by the start of its name (it was not understood), and 「下午去市政检查」,
  // said with nothing done (no 了): the answer says the record is kept once it is done, and how.
  if (
    FORMS.supervision.roles.includes(actor.role as never) &&
    (SUPERVISION_PLANNED.test(input) || !/[了过完]/.test(input)) &&
    !isQuestion(input) &&
    (UNIT_VISIT.test(input) || (await unitVisitedByShortName(turn, input)))
  )
    return [text(WORDING.supervisionPlanned)]
  // A patrol report stays one when what it found is dangerous: the finding is graded major in its list.
  // (「人民路燃气泄漏的情况怎么样了」 asks after a danger already known: no report.)
  const read = intentOf(input)
  // (「哪里有燃气泄漏」 asks where one is: no report either.)
  const intent = read === 'patrol' ? read : danger && !asksHowItGoes(input) && !asksWhereItIs(input) ? 'hazard' : read
  if (intent === 'patrol') {
    const replies = await startForm(
      turn,
      session,
      actor,
      answers,
      deps,
      FORMS.patrol,
      input.replace(/巡[察差]|寻查/g, '巡查'),
    )
    if (!danger || session.form !== 'patrol') return replies
    // Said to be listed major only when a finding is (the warning had claimed it of findings listed 一般).
    const listedMajor =
      Array.isArray(session.draft.hazards) &&
      (session.draft.hazards as { level?: string }[]).some((h) => h.level === 'major')
    return [text(listedMajor ? WORDING.patrolDangerMajor : WORDING.patrolDanger), ...replies]
  }
  if (intent === 'hazard') {
    // Danger is major at once (confirmed in the summary like any other), set before the first question is asked.
    const preset = danger ? { level: 'major' } : undefined
    const replies = await startForm(turn, session, actor, answers, deps, FORMS.hazard, input, preset)
    if (!danger || session.form !== 'hazard') return replies
    return [text('⚠️ 涉及险情，已按重大隐患填报。请先确保人员安全，并尽快完成上报。'), ...replies]
  }
  // 「人民路88号」 alone, then 「井盖坏了」: the place is held for the report the next words start (it was asked again).
  const placeSaid = form ? undefined : placeAlone(input)
  if (placeSaid && !isVaguePlace(placeSaid)) {
    const before = evidenceWaiting.get(session)
    evidenceWaiting.set(session, {
      mediaIds: before?.mediaIds ?? [],
      location: before?.location,
      place: placeSaid,
      at: turn.ctx.clock.now().toISOString(),
      held: true,
    })
  }
  return null
}

/** 「没开车」「没有用车」「走路去的」「步行」: said alone, how the patrol went — no vehicle. */
const NO_VEHICLE_SAID =
  /^(?:(?:没有?|未|不)(?:开|用|派|出|坐)车|步行|徒步|走路(?:去的|过去的)?)(?:的|了|啊)?[。！!～~]*$/

/** The kinds of question answered in words, where a word of chat could pass for an answer. */
const WORDY_FIELDS: ReadonlySet<string> = new Set(['text', 'hazards', 'problems'])
/** Chat, not an answer: courtesy, acknowledgement, laughter, a greeting, emoji. */
const CHATTER =
  /^(?:好的?|好滴|好嘞|ok|okay|嗯+|哦+|噢+|啊+|哈+|呵呵|嘿嘿|你好|您好|在吗|在不在|收到|明白|知道了|了解|行|可以|谢谢|多谢|辛苦了?|(?:\p{Extended_Pictographic}|\uFE0F|\u200D|\s)+)[。！!~～.\s]*$/iu
/** 「补充一下：」「再补充一点，」「另外说明一下」: the words that say more is added, before what is. */
const ADDING_LEAD =
  /^(?:再|还要|我再)?(?:补充|补充说明|说明|追加|加上|另外)(?:一下|一点|两句)?[:：，,\s]*|^(?:隐患)?描述(?:里)?(?:再)?(?:补充|加上|添加|增加|加)(?:一下|一句)?[:：，,\s]*/
/** 「我想想」「我问一下」「回头再说」: time to find the answer. */
const THINKING =
  /^(?:我|让我)?(?:想想|想一下|看看|查一下|问问|问一下|确认一下|核实一下)(?:再说)?[。！!~～\s]*$|^回头再说[。！!~～\s]*$/
/** 「刚才」「之前」「早些时候」: a time, but none that can be written down. */
const VAGUE_TIME =
  /^(?:就|是|大概|大约)?(?:刚才|刚刚|刚|之前|前面|早些时候|早点时候|一会儿?前|不久前|没多久|有一会儿?了?|好一会儿?了?|前一阵|早就)(?:开始)?(?:的|了|吧|啊|呀)?[。！!~～\s]*$/
/** 「挺严重的」「很危险」「非常紧急」: how bad it is, said alone. */
const DEGREE_ONLY =
  /^(?:挺|很|非常|特别|相当|比较|蛮|太|好|十分|极其|超级?)?(?:严重|危险|紧急|吓人|要命|可怕)(?:的|了|啊|呀|哦|呢)?[。！!~～\s]*$/
/** Asking for a moment (to take the photo first): 「等一下」「稍等，我拍个照」「马上发照片」. */
const WAIT =
  /^(?:等下发你|等会儿?(?:再)?发(?:你|给你)?)[。！!~～\s]*$|^(?:等(?:一)?下|稍等|等等|等会儿?|马上|我先|先)[，,。\s]*(?:我|让我)?(?:先|再)?(?:去)?(?:拍|照|发|找|看)?(?:一下|个|张)?(?:照片?|图片?|相片|位置|定位)?(?:再(?:说|发|报))?[。！!~～]*$|^(?:我)?(?:先|马上|这就)?(?:去)?拍(?:一下|个|张)(?:照片?|图)?(?:再(?:说|发|报))?[。！!~～]*$/

/**
 * The question still to come that an answer belongs to: a time and nothing else (「昨天晚上八点」「11月20日到11月22日」)
 * to any other question, or a place alone (「人民路」) to a question that cannot take one (when, how many, which kind).
 */
function answerForLater(
  form: FormDefinition,
  session: Session,
  field: FieldDefinition,
  input: string,
  answers: AnswerContext,
): { field: FieldDefinition; values: Record<string, unknown> } | undefined {
  const open = applicableFields(form, session.draft).filter(
    (f) => f.key !== field.key && session.draft[f.key] === undefined,
  )
  const saysTime = field.type !== 'datetime' && TIME_ONLY.test(input) && TIME_WORD.test(input)
  const saysPlace = ['datetime', 'count', 'choice', 'level', 'category'].includes(field.type) && placeAlone(input)
  // 「发现两处井盖松动，一处路灯不亮」 to 车次: what was found, never a count (「两处」 counts the findings). To a
  // patrol's time too, with what it found still to be asked: found on this patrol, and kept for it — the record
  // reports it as a hazard when saved (a new report had been offered instead, dropping the patrol said so far). (To
  // another form's time, a defect may be a new report: the choice between the two is offered below.)
  const saysFindings =
    (field.type === 'count' || (field.type === 'datetime' && form.id === 'patrol')) && namesDefect(input)
  // 「没发现问题」「一切正常」 to when it began: what was found — nothing — kept for that question.
  const saysNoFindings = field.type !== 'hazards' && [...input].length <= 12 && saysNothingFound(input)
  // 「已通知市政维修」 to what was found: what was done about it, never a finding of its own. (To a patrol's other
  // questions too: 「已设置围挡」 had been refused as a time and taken as the route.)
  const saysHandling =
    (field.type === 'hazards' || (form.id === 'patrol' && field.key !== 'handlingResult')) &&
    !namesDefect(input) &&
    handlingIn(input) === input.trim()
  // 「没开车」「走路去的」 to another question: the vehicles (even when counted already: it puts them right).
  const vehicles = field.key !== 'vehicleCount' ? form.fields.find((f) => f.key === 'vehicleCount') : undefined
  if (vehicles && [...input.trim()].length <= 10 && NO_VEHICLE_SAID.test(input.trim())) {
    const parsed = parseAnswer(vehicles, input, answers)
    if (parsed.ok) return { field: vehicles, values: parsed.values }
  }
  // A time said to a count (「10点到11点半」 to 人次) is never the count: it puts right the time already read (a
  // half-day taken for the span) when no time question is left.
  // (「2点到4点」 to the route after 「巡查 昨天下午」: the afternoon was taken for the span, and this puts it right —
  // it had been saved as the route.)
  const later = saysTime
    ? (open.find((f) => f.type === 'datetime') ??
      (field.type === 'count' || PLACE_FIELDS.has(field.key)
        ? applicableFields(form, session.draft).find((f) => f.type === 'datetime')
        : undefined))
    : saysPlace
      ? open.find((f) => PLACE_FIELDS.has(f.key))
      : saysFindings || saysNoFindings
        ? open.find((f) => f.type === 'hazards')
        : saysHandling
          ? // (How it was handled is asked only once something was found: kept for that question all the same.)
            form.fields.find((f) => f.key === 'handlingResult')
          : undefined
  if (!later) return undefined
  // More done on site than said before (「已设置围挡」, then 「已通知施工单位整改」): both are how it was handled.
  const handledBefore = session.draft.handlingResult
  if (saysHandling && later.key === 'handlingResult' && typeof handledBefore === 'string' && handledBefore) {
    const more = input.trim()
    return {
      field: later,
      values: { handlingResult: handledBefore.includes(more) ? handledBefore : `${handledBefore}，${more}` },
    }
  }
  // A time putting right one already read keeps that one's day and half of it (「2点到4点」 after 「昨天下午」).
  const before = session.draft[later.key]
  const said =
    later.type === 'datetime' && typeof before === 'string' && !SAYS_DAY.test(input)
      ? `${dayAndHalfOf(before, input, answers.timeZone)}${input}`
      : input
  const parsed = parseAnswer(later, said, answers)
  return parsed.ok ? { field: later, values: parsed.values } : undefined
}

/** 「11月22日下午」: the day of a time already read, and its afternoon when the words say no half of the day. */
function dayAndHalfOf(iso: string, input: string, timeZone: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const { month, day, hour } = localParts(at, timeZone)
  const half = hour >= 12 && !/上午|下午|中午|晚上|早上|凌晨|夜|1[2-9]|2[0-4]/.test(input) ? '下午' : ''
  return `${month}月${day}日${half}`
}

/**
 * Figures given fewer at a time than the question asks for: kept in the draft beside the field until all are in.
 * Undefined when the answer gives none, or more than are still wanted (asked again as it is).
 */
function figuresInTurn(
  session: Session,
  field: FieldDefinition,
  input: string,
): { done: true } | { done: false; ask: string } | undefined {
  const parts = field.parts ?? []
  const numbers = figuresIn(input)
  const soFarKey = `${field.key}SoFar`
  const soFar = Array.isArray(session.draft[soFarKey]) ? (session.draft[soFarKey] as number[]) : []
  const all = [...soFar, ...numbers]
  if (numbers.length === 0 || all.length > parts.length || numbers.some((n) => n > 1_000_000)) return undefined
  if (all.length === parts.length) {
    delete session.draft[soFarKey]
    session.draft[field.key] = all
    return { done: true }
  }
  session.draft[soFarKey] = all
  const kept = parts
    .slice(0, all.length)
    .map((part, i) => `${part} ${all[i]}`)
    .join('，')
  return { done: false, ask: WORDING.figuresSoFar(kept, parts.slice(all.length)) }
}

/** The day of a time offered for this question (「11月20日」), said the way people say it. */
function dayOfProposal(
  proposal: { key: string; value: unknown } | undefined,
  field: FieldDefinition,
  timeZone: string,
): string | undefined {
  if (proposal?.key !== field.key || field.type !== 'datetime' || typeof proposal.value !== 'string') return undefined
  const at = new Date(proposal.value)
  if (Number.isNaN(at.getTime())) return undefined
  const { month, day } = localParts(at, timeZone)
  return `${month}月${day}日`
}

/** 「在哪里填」「填在哪儿」「在哪写」: where an answer goes, asked while a question is open. */
/** 「发错了」「不好意思，打错了」「发错群了」: the message before, or this one, was not meant. */
export const MISSENT_IN_FORM =
  /^(?:不好意思|抱歉|对不起|sorry)?[，,\s]*(?:我)?(?:刚才)?(?:发错了?|打错了?|点错了?|误发了?|发错人了|发错群了|发错地方了)(?:了)?(?:[，,\s]*(?:不好意思|抱歉|对不起|sorry))?[。！!~～\s]*$/i
const WHERE_TO_FILL =
  /^(?:请问)?(?:在|到)?(?:哪里|哪儿|哪)(?:填|写|报|上报|提交|回复|输入)(?:呢|啊|呀)?[？?。]*$|^(?:填|写|回复)(?:在|到)(?:哪里|哪儿|哪)(?:呢|啊|呀)?[？?。]*$/

/** The fields that take a place. */
const PLACE_FIELDS: ReadonlySet<string> = new Set(['area', 'locationText', 'place'])
/** Words that make digits a time (「8点」「20日」「今天」), not a count. */
const TIME_WORD = /[点时分月日号半天晚早午]/
/**
 * A time and nothing else: 「昨天晚上八点」「11月20日到11月22日」「下午3点半」 — and a deadline (「明天下午6点前」, said to
 * another of the 五落实's questions: kept for its own).
 */
const TIME_ONLY =
  /^(?:今天|昨天|前天|明天|后天|今日|昨日|昨晚|今晚|今早|上午|下午|中午|晚上|早上|凌晨|傍晚|夜里|夜间|[0-9一二三四五六七八九十两零〇]+|年|月|日|号|点|时|分|半|钟|左右|到|至|之前|以前|以内|之内|前|内|[-~～:：.、，,\s])+$/

/** 「事故：」「发生一起事故，」「事故报告：」 heading an account. */
const ACCIDENT_ASKED =
  /^(?:我要|我想|要|帮我|请|麻烦)?(?:报|上报|登记|报告|录入|记录)(?:一下)?(?:一起|一个|起|个)?(?:生产)?(?:安全)?事故[。！!]*$/
const ACCIDENT_LABEL = /^(?:发生|登记|上报|报告)?(?:了)?(?:一起|一个)?(?:安全|生产安全)?事故(?:报告|情况)?[:：，,\s]+/

/** A supervision carried out (「去质安处督查了」「今天督查了3个工地」), not the office's name or a 督办. */
const SUPERVISION_DONE = /督查(?!组|员|科|室|处|办|局)/
/** 「修改 地点」, and the same said in a sentence: 「我要修改地点」「想改一下等级」「更改 路段」. */
/** 「还没弄完」「正在整改」「明天继续」: a rectification under way, not finished. */
const NOT_FINISHED =
  /还没(?:有)?(?:弄|做|修|整改|处理|干|搞)?(?:完|好)|没(?:有)?(?:弄|做|修|整改|处理|干|搞)(?:完|好)|尚未(?:完成|完工|整改完)|未完成|还在(?:整改|修|处理|施工|弄)|正在(?:整改|修|处理|施工|弄)|(?:明天|后天|下周)(?:继续|再弄|再修|再干)|(?:继续|接着)(?:整改|修|弄|干|施工)/
/** 「已更换」「整改完毕」: something finished, said beside what is not. */
const SAYS_DONE = /已(?:经)?(?:更换|换好|修好|修复|完成|整改完|整改好|加固|扶正|清理|回填|恢复)|完毕|完工了/
const EDIT_LEAD = /^(?:(?:我)?(?:要|想|需要|得)(?:修改|更改|更正|改一下|改)|修改|更改|更正|改一下)(?:一下)?\s*(.+)$/
/** 「明天去质安处督查」「下周准备督查燃气办」: an inspection to come, not one to record. */
const SUPERVISION_PLANNED = /明天|明早|后天|下周|下礼拜|下星期|下个?月|过两天|过几天|改天|准备|计划|打算|将要|拟于|拟定/

/** 「去桥管处检查」「到燃气办看看」: going to a unit of the bureau to inspect it. */
const UNIT_VISIT = /(?:去|到)([\u4e00-\u9fa5]{1,12}?(?:处|办|局|总公司|公司))(?:检查|督查|查看|看看|看一下|检查一下)/
/** 「去市政检查」: a visit, the unit said by the start of its name. */
const SHORT_UNIT_VISIT = /(?:去|到)([\u4e00-\u9fa5]{2,8}?)(?:那边|那里)?(?:检查|督查|查看|抽查)(了|过)?/
/** Whether the words say a visit to a unit by its name's start — `done`, one made (「今天去市政检查了」). */
async function unitVisitedByShortName(turn: Turn, input: string, done = false): Promise<boolean> {
  const visit = SHORT_UNIT_VISIT.exec(input)
  const said = visit?.[1]
  if (said === undefined || (done && visit?.[2] === undefined)) return false
  return (await unitNamedIn(turn, said)) !== undefined
}
/** 「去质安处检查了」「到燃气办查看了一下」: a visit to a unit, done. */
const UNIT_VISITED = new RegExp(`${UNIT_VISIT.source}(?:了|过)`)

/** 「检查了燃气 发现…」「抽查了质安处」: a check done, a unit's name (or its start) after it. */
const UNIT_CHECKED = /(?:检查|抽查|暗访)了/

/** 「没发现问题」「未发现明显问题」「一切正常」: nothing found on an inspection. */
const NO_PROBLEMS_FOUND = /^(?:没有?|未)(?:有)?发现(?:明显|什么|任何)?(?:问题|隐患)|^(?:一切)?(?:正常|良好)$|^无问题$/

/** The words that only name a supervision's box (「发现问题：」「整改要求：」), not part of what goes in it. */
const BOX_LEAD = /^(?:发现(?:的)?(?:问题)?|存在(?:的)?(?:主要)?问题|问题|整改要求|要求)[:：]?/

/** Clauses of a supervision told in one message that fill a box of their own, not the matters inspected. */
const SAID_BOX: readonly [RegExp, string][] = [
  [/^(?:发现|存在(?:的)?(?:主要)?问题|问题[:：])/, 'problems'],
  // 「没发现问题」「未发现问题」: the problems box, answered 无.
  [NO_PROBLEMS_FOUND, 'problems'],
  [/^(?:整改要求|要求|责令|限期)/, 'requirements'],
]

/**
 * 「督查 市政建设总公司 11月20日 检查台账和现场」「今天下午去质安处督查了，带队的是王科长，检查了3个工地」: the unit,
 * the day and who led it by their words, clause by clause; the problems and requirements in their boxes; the rest
 * as said, in the form's rest box.
 */
function fillFromRest(form: FormDefinition, session: Session, rest: string, answers: AnswerContext): void {
  const restField = form.restField
  if (!restField) return
  // 「朗州路工地发生高处坠落事故」: an accident's place, read as any place is.
  const place = hasField(form, 'place') && session.draft.place === undefined ? findPlace(rest) : undefined
  if (place) session.draft.place = place
  // 「无人员伤亡」「1人死亡」: the deaths, when said.
  const deaths = hasField(form, 'deaths') && session.draft.deaths === undefined ? deathsSaid(rest) : undefined
  if (deaths !== undefined) session.draft.deaths = deaths
  // 「今天去市政检查了」: the unit visited by the start of its name, inside a clause that says more.
  const unitField = form.fields.find((f) => f.type === 'unit')
  const visited = SHORT_UNIT_VISIT.exec(rest)?.[1]
  if (unitField && visited && session.draft[unitField.key] === undefined) {
    const parsed = parseAnswer(unitField, visited, answers)
    if (parsed.ok) merge(session, parsed.values)
  }
  const left: string[] = []
  // 「成员陈刚 赵敏」: who went — the names after the label, and the names alone that follow it.
  let naming = false
  const membersSaid: string[] = []
  // 「发现2个问题 一是… 二是…」: the items listed after the box was opened go in it (the count alone opens it).
  let listing: { key: string; countClause?: string; items: number } | undefined
  // 「陈刚 赵敏参加」: those who joined, named before the word, are the members as 「成员陈刚、赵敏」 would say.
  const joinedNamed = rest.replace(
    MEMBERS_JOINED,
    (_, names: string) => `成员${names.split(/[\s、，,和]+/).join('、')}`,
  )
  for (const clause of joinedNamed
    .trim()
    .split(/[\s，,。；;]+/)
    .filter(Boolean)) {
    if (listing && LISTED_ITEM.test(clause)) {
      const { key } = listing
      session.draft[key] = typeof session.draft[key] === 'string' ? `${session.draft[key]}；${clause}` : clause
      listing.items++
      continue
    }
    if (listing?.countClause && listing.items === 0) left.push(listing.countClause)
    listing = undefined
    const members = hasField(form, 'members') && session.draft.members === undefined ? MEMBERS_SAID.exec(clause) : null
    const named = members ? peopleIn(members[1] ?? '') : naming ? peopleIn(clause) : undefined
    if (named) {
      membersSaid.push(...named)
      naming = true
      continue
    }
    naming = false
    let used = false
    for (const f of form.fields) {
      if (f.type !== 'unit' && f.type !== 'datetime') continue
      if (session.draft[f.key] !== undefined || session.draft[`${f.key}Day`] !== undefined) continue
      const parsed = parseAnswer(f, clause, answers)
      if (!parsed.ok) continue
      merge(session, parsed.values)
      used = true
    }
    const lead = hasField(form, 'lead') && session.draft.lead === undefined ? LEAD_SAID.exec(clause) : null
    if (lead) session.draft.lead = lead[1] ?? lead[2]
    // 「发现一处塔吊未备案」「要求三日内补办」: the problems found and what was required, each in its box.
    // (「发现问题1个」 only counts them: it stays with the matters, and the problems are asked.)
    const box =
      !used && !lead ? SAID_BOX.find(([pattern, key]) => hasField(form, key) && pattern.test(clause)) : undefined
    const said = box?.[0] === NO_PROBLEMS_FOUND ? '无' : clause.replace(BOX_LEAD, '')
    if (box && said && !ONLY_A_COUNT.test(said)) {
      const [, key] = box
      session.draft[key] = typeof session.draft[key] === 'string' ? `${session.draft[key]}；${said}` : said
      listing = { key, items: 0 }
    } else if (box) listing = { key: box[1], countClause: clause, items: 0 }
    else if (!used && !lead) left.push(clause)
  }
  if (listing?.countClause && listing.items === 0) left.push(listing.countClause)
  if (left.length > 0) session.draft[restField] = left.join('，')
  if (membersSaid.length > 0) session.draft.members = membersSaid.join('、')
}

/** 「陈刚 赵敏参加」「陈刚、赵敏陪同」: the names before the word for joining (the whole run of them). */
const MEMBERS_JOINED =
  /(?<=^|[\s，,。；;])((?:[\u4e00-\u9fa5]{2,3}[\s、，,和]+)*[\u4e00-\u9fa5]{2,3})(?:参加|参与|同去|随同|陪同)(?:了)?(?=$|[\s，,。；;])/
/** 「成员陈刚、赵敏」「组员：王强」「督查组成员有陈刚」: who went with the inspection, after the box's label. */
const MEMBERS_SAID = /^(?:督查组|检查组|巡查组)?(?:成员|组员|组成人员)(?:有|是|为)?[:：]?\s*([\u4e00-\u9fa5、]{2,30})$/

/** An item of a list said in words or numbers (「一是…」「二是…」「第三…」「1.…」「①…」). */
const LISTED_ITEM =
  /^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|第[一二三四五六七八九十]|[0-9]{1,2}[.．、)）]|[①②③④⑤⑥⑦⑧⑨⑩])/

/** The deaths an account of an accident states: none when it says nobody died (or only injuries), or the number. */
function deathsSaid(account: string): number | undefined {
  if (/无人员?(?:伤亡|死亡)|没有人员?(?:伤亡|死亡)|未造成人员?(?:伤亡|死亡)|无人死亡/.test(account)) return 0
  const died = /([0-9]+|[一二两三四五六七八九十]+)\s*(?:人|名)(?:当场)?(?:死亡|遇难|身亡)/.exec(account)?.[1]
  if (died) return parseChineseNumber(died)
  // (「腿骨折 已送医」: hurt, not dead.)
  return /受伤|轻伤|重伤|骨折|擦伤|摔伤|砸伤|烧伤|烫伤|送医|住院|抢救过来/.test(account) &&
    !/死亡|遇难|身亡/.test(account)
    ? 0
    : undefined
}

/** What a supervision's boxes begin with when told: the matters inspected, then the problems and requirements. */
const SUPERVISION_BOXES: readonly [RegExp, string][] = [
  // 「检查了3个工地」「检查巡查台账」
  [/^(?:检查|查看|抽查|查阅|察看|核查)(?:了|[^，。？?\s]{2})|^(?:督查|查)了/, 'matters'],
  ...SAID_BOX,
  // 「台账不全」「巡查记录填写不规范」: a shortcoming found, said without 「发现」 — not what is required of it.
  [
    /^(?![^，。]*(?:限期|要求|责令|补齐|整改))[^，。]{0,12}(?:不全|不规范|不完整|不齐全?|不到位|不及时|不准确|不真实|不符合|缺失|缺少|缺项|漏填|漏报|未按|未及时|未落实|未建立|未开展|滞后)/,
    'problems',
  ],
  // 「台账不全的限期补齐」: what is required, said after what it is about.
  // 「已下发整改通知书」: the notice served is what was required of the unit.
  [
    /限期|责令|要求[^，。]{0,6}(?:整改|补齐|完善|落实)|(?:立即|尽快|马上)(?:整改|补齐|完善|落实)|(?:下发|下达|开具|签发|送达)(?:了)?(?:隐患)?(?:整改|督办|限期整改)(?:通知|指令)/,
    'requirements',
  ],
]

/** The other, still empty box of a supervision record that an answer plainly belongs to, with what it says there. */
function supervisionBoxOf(
  input: string,
  asked: string,
  draft: Record<string, unknown>,
): { key: string; said: string } | undefined {
  if (!['inspectedAt', 'lead', 'members', 'matters', 'problems', 'requirements'].includes(asked)) return undefined
  // 「王科长、李明」 said to when: who went with the inspection, for the members' box.
  const named = asked === 'inspectedAt' ? namesListed(input) : undefined
  if (named && (draft.members === undefined || draft.members === '')) return { key: 'members', said: named.join('、') }
  // 「有一个工地塔吊没有年检，另一个工地临边防护不到位」 said to who led or went: what was found (it had become the
  // members).
  if (
    (asked === 'lead' || asked === 'members') &&
    !namesListed(input) &&
    namesDefect(input) &&
    (draft.problems === undefined || draft.problems === '')
  )
    return { key: 'problems', said: input }
  const box = SUPERVISION_BOXES.find(([pattern, key]) => key !== asked && pattern.test(input))
  if (!box || (typeof draft[box[1]] === 'string' && draft[box[1]] !== '')) return undefined
  const said = box[1] === 'matters' ? input : input.replace(BOX_LEAD, '')
  return said ? { key: box[1], said } : undefined
}

/**
 * An answer to a supervision's question that tells several of its boxes at once (the matters, then 「发现…」 and its
 * items): read clause by clause into the boxes still empty. The labels of the boxes filled, none when it tells one.
 */
function supervisionBoxesTold(
  form: FormDefinition,
  session: Session,
  field: FieldDefinition,
  input: string,
  answers: AnswerContext,
): string[] {
  const clauses = input
    .trim()
    .split(/[\s，,。；;]+/)
    .filter(Boolean)
  if (clauses.length < 2 || !clauses.slice(1).some((c) => SAID_BOX.some(([pattern]) => pattern.test(c)))) return []
  const boxes = ['matters', 'problems', 'requirements']
  if (boxes.some((key) => typeof session.draft[key] === 'string' && session.draft[key] !== '')) return []
  const before = { ...session.draft }
  fillFromRest(form, session, input, answers)
  // The question asked stays asked: only the boxes told are filled.
  if (before[field.key] === undefined) delete session.draft[field.key]
  return form.fields
    .filter((f) => boxes.includes(f.key) && before[f.key] === undefined && session.draft[f.key] !== undefined)
    .map((f) => f.label)
}

/** 「问题1个」「3处」: how many, and nothing of what. */
const ONLY_A_COUNT = /^(?:问题)?[0-9一二两三四五六七八九十]+(?:个|处|项|条)?(?:问题)?$/

/** 「带队的是王科长」「带队领导：陈刚」「王局长带队」: who led it. */
const LEAD_SAID = /带队(?:的|领导|人)?(?:是|为)?[:：]?\s*([\u4e00-\u9fa5]{2,4})$|^(?:由)?([\u4e00-\u9fa5]{2,4})带队$/

/** The questions a grade may be answered ahead of (where, which kind, what was found). */
const EARLY_ANSWERED: ReadonlySet<string> = new Set(['locationText', 'category', 'description'])
/** 「1 重大」「第2条是一般隐患」「重大隐患 1」: the grade of one finding of a patrol's list. */
const GRADE_ITEM =
  /^(?:把|将)?(?:第\s*)?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:条|处|号)?(?:隐患)?\s*(?:是|为|定为|改为|改成|改|设为|属于|算)?\s*(重大|一般)(?:隐患)?[。！!]*$|^(重大|一般)(?:隐患)?\s*(?:第\s*)?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:条|处)?[。！!]*$/
/**
 * 「删除隐患 2」「删掉第二条」「第2条不要了」「拆分隐患 1」「拆分第一条」: one finding of the list dropped or split (the
 * words other than the first had been asked which field to change).
 */
const LIST_EDIT =
  /^(?:(删除|删掉|去掉|删|拆分|拆开)(?:隐患)?\s*(?:第\s*)?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:条|处)?(?:隐患)?|(?:第\s*)?(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:条|处)(?:隐患)?\s*(删除|删掉|去掉|不要了?|拆分|拆开))[。！!]*$/
/** 「重大」「一般隐患」「属于重大隐患」: a grade said alone. */
const GRADE_ALONE = /^(?:是|属于|算|定为)?(重大|一般)(?:隐患|的)?[。！!]*$/
/** 「把井盖那条改成重大」「路灯那个算一般」: a finding named by its thing, and its grade. */
const GRADE_BY_NAME =
  /^(?:把|将)?([\u4e00-\u9fa5]{1,8}?)(?:的)?(?:那条|那个|那处|这条|这个|这处)(?:隐患)?(?:改成|改为|定为|算|是)(重大|一般)(?:隐患)?[。！!]*$/
/** 「隐患改成两处」「改成3处」: the places the one finding counts. */
const COUNT_CORRECTED =
  /^(?:隐患|问题|发现隐患)?(?:数量)?(?:改成|改为|应该是|是)\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:处|个)[。！!]*$/

function hasField(form: FormDefinition, key: string): boolean {
  return form.fields.some((f) => f.key === key)
}

/** 「燃气」「桥梁」「道路」: one of the kinds by (part of) its name. */
function namesAKind(input: string): boolean {
  return CATEGORIES.some((c) => CATEGORY_LABELS[c].includes(input) || input === CATEGORY_LABELS[c])
}

/** An answer to the kind that is more than a kind's name (「井盖没了」, not 「道路」「燃气」「其他」). */
function saysMoreThanAKind(input: string): boolean {
  // 「不是，是道路」「不对，应该算燃气类」 correct the kind and say nothing more.
  const bare = input
    .replace(/[，,。.！!\s]/g, '')
    .replace(/^(?:不是|不对|错了|不|否)+/, '')
    .replace(/^(?:应该|应当|应)?(?:是|属于|算|归|改成|改为|换成)/, '')
    .replace(/(?:类|方面|问题)?(?:的|吧|啊|呀)?$/, '')
  return (
    bare.length > 4 &&
    !CATEGORIES.some((c) => bare === CATEGORY_LABELS[c] || CATEGORY_LABELS[c].includes(bare)) &&
    !/^(?:属于|是|类别|分类)/.test(bare)
  )
}

/** Giving up on what is being filled in: 「取消」, and the words people use for it (「算了，不报了」). */
const CANCEL =
  /^(?:算了[，,\s]*)?(?:取消|放弃|退出|撤销|作废|不报了|不填了|不要了|不上报了|不提交了|不弄了|取消填报|取消上报)(?:吧|了|啊)?[。！!~～]*$|^算了(?:吧)?[。！!~～]*$/
/** A message that begins with a record's number. */
const LEADING_RECORD = /^\s*(?:YH|TS|XC|DC|WT)\s*\d{8}/i
/** What follows a hazard's number when photos for it are coming: 「照片」「补充照片」「补一张照片」「的现场图片」. */
const PHOTO_FOR_CODE =
  /^(?:的)?(?:现场)?(?:照片|图片|相片)(?:补充|补发|来了|如下)?[。！!~～\s]*$|^(?:再|还|要)?(?:补|补充|补发|发|传|上传|加)(?:上|个)?(?:一|1|两|2|几)?(?:张|个)?(?:现场)?(?:照片|图片|相片)[。！!~～\s]*$/
/** 「再报一个」「继续上报」「还有一处隐患」: one more hazard to report, nothing said about it yet. */
const ANOTHER_HAZARD =
  /^(?:再|还|继续)(?:要)?(?:报|上报|来|发|登记)(?:一个|一下|一条|一处|个|条|处)?(?:隐患)?(?:吧)?[。！!~～]*$|^还有(?:一个|一处|一条)(?:隐患)?[。！!~～]*$/

/** 「好了」「拍好了」「发过去了」: the moment asked for is over. */
const DONE_WAITING =
  /^(?:好了|好啦|拍好了|拍完了|发了|发好了|发过去了|已发|已发送|传好了|传了|上传了|弄好了)[。！!~～]*$/

/** 「你看着办」「你定吧」「随便」: the choice left to the bot — a guess on offer is taken; otherwise the question explained. */
const LEFT_TO_US =
  /^(?:你|您)?(?:看着办|看着填|定吧?|决定吧?|帮我(?:选|定|填)吧?)[。！!~～]*$|^(?:随便|都行|都可以|无所谓|按你说的|就按你的)(?:吧|啦)?[。！!~～]*$/
/** 「不确定」「不太清楚」「拿不准」「说不好」: the person cannot answer the question as asked. */
const UNSURE =
  /^(?:我|这个|这)?也?(?:不太?|不大|没法|无法)(?:确定|清楚|知道|晓得|好说|好判断|会判断)(?:啊|呢|哦|诶|欸)?[。！!~～…]*$|^(?:拿不准|说不准|说不好|看不出来?|判断不了|搞不清楚?|不懂)(?:啊|呢|哦)?[。！!~～…]*$/

/** One word of yes to a summary: 「确认」, and the words people answer a summary with. */
const YES_WORD =
  '(?:确认|确定|确认无误|正确无误|无误|没问题|没什么问题|没啥问题|没毛病|没错|对|对的|对头|是|是的|是这样|就是这样|好|好的|好了|可以|可以了|行|行了|嗯|嗯嗯|同意|正确|准确|保存|提交|确认保存|确认提交|确认上报|就这样|就这些|没了|没有了|(?:提交|上报|保存|发)吧|ok|OK|Ok|okay|yes|👌|👍)'
/** Yes to the summary, alone or a few together (「是的没问题」「对，提交吧」「嗯嗯 可以」). */
const CONFIRM = new RegExp(`^${YES_WORD}(?:[，,、\\s]*${YES_WORD}){0,3}[。！!~～]*$`, 'u')

/** What was done about a hazard, said after its number. */
/** Words that say a problem was put right, anywhere in the message (「井盖已经换好了」「护栏修复完毕」). */
const SAYS_FIXED =
  /(?:已经?|已|都)(?:派人|安排人员?|让人|叫人)?(?:重新|再次|又)?(?:换好|修好|整改|处理好|处理完|修复|更换|恢复|加固|清理|回填|补好|补上|补装|加装|增设|补设|加高|换上|装上|装回|盖上|装好|弄好|固定|疏通|扶正|拆除|解决)|(?:换好|修好|补好|补上|换上|装好|整改好|处理好|固定好|疏通好|扶正|扶好|加固好|盖好|清理干净|解决)了|(?:整改|修复|维修|修理|更换|处理|处置|清理|安装|拆除|加固|回填|疏通)(?:已经?)?(?:完毕|完成|到位)|(?:办好|办完|弄完|搞定|搞好|干完)了|(?:已经?|已)(?:换|修|补|填|装|盖)(?:了|过了|(?:成|上)?新的?)|(?:焊|砌|铺|刷|粘|浇|拧|绑|接|封)好了|^(?:都|已经?|已)?(?:处理|办|修|整改)(?:好|完)?了[。！!~～\s]*$/

/**
 * The unit's hazards waiting for rectification that the message names: by the place it names, else by what
 * is wrong (「井盖」「护栏」) where the unit has only one such.
 */
async function handlersHazardNamed(turn: Turn, unitId: number, input: string, personId: number | null) {
  const open = await turn.ctx.db
    .select({
      code: hazards.code,
      description: hazards.description,
      locationText: hazards.locationText,
      reporterId: hazards.reporterId,
    })
    .from(hazards)
    .where(and(eq(hazards.unitId, unitId), inArray(hazards.status, EXPECTED_STATUS.rectification ?? [])))
    .orderBy(asc(hazards.id))
  // 「刚才那个」「我报的那个」: the latest of those this person reported, when it is still theirs to rectify.
  if (POINTS_AT_LATEST.test(input)) {
    const latest = personId === null ? undefined : open.filter((h) => h.reporterId === personId).at(-1)
    if (latest) return { named: [latest], open }
  }
  const place = findPlace(input)
  const thing = WATCHED_THING.exec(input)?.[0]
  const byPlace = place
    ? open.filter((h) => `${h.locationText ?? ''}${h.description}`.includes(place.replace(/的$/, '')))
    : []
  // 「柳叶大道护栏修好了」 where the unit has two hazards on 柳叶大道: the thing named tells them apart.
  const byBoth = thing && byPlace.length > 1 ? byPlace.filter((h) => h.description.includes(thing)) : []
  if (byBoth.length > 0) return { named: byBoth, open }
  if (byPlace.length > 0) return { named: byPlace, open }
  // (A place named that none of them is at — 「朗州路20号的路灯修好了」 — names none of them, whatever the thing.)
  return { named: thing && !place ? open.filter((h) => h.description.includes(thing)) : [], open }
}

/** 「加固好了」「焊好了」「换完了」: the work said done, as a word its planning could have used (加固, 焊, 换). */
const WORK_DONE = /^(?:都|已经?|已)?([\u4e00-\u9fa5]{1,2}?)(?:好|完|完毕|完成)(?:了|啦)?[。！!~～\s]*$/

/**
 * The one complaint in hand whose progress, noted by staff, planned the work now said done (「下午加固」, then
 * 「加固好了」), with that work; undefined when none or several did.
 */
async function complaintPlanningWork(
  turn: Turn,
  inHand: { id: number; code: string }[],
  input: string,
): Promise<{ code: string; work: string } | undefined> {
  const work = WORK_DONE.exec(input)?.[1]
  if (!work || inHand.length === 0 || /^(?:做|弄|搞|办|处理|修|整改)$/.test(work)) return undefined
  const notes = await turn.ctx.db
    .select({ complaintId: complaintEvents.complaintId, note: complaintEvents.note })
    .from(complaintEvents)
    .where(
      and(
        inArray(
          complaintEvents.complaintId,
          inHand.map((c) => c.id),
        ),
        eq(complaintEvents.kind, 'progress'),
      ),
    )
  const planning = inHand.filter((c) => notes.some((n) => n.complaintId === c.id && n.note?.includes(work)))
  const [only, ...more] = planning
  return only && more.length === 0 ? { code: only.code, work } : undefined
}

/** A handler's 「…已经修好了」 naming none or several of the unit's hazards: which one is asked — never silence. */
async function whichRectified(
  turn: Turn,
  session: Session,
  unitId: number,
  input: string,
  named: { code: string; description: string }[],
  open: { code: string; description: string }[],
): Promise<Reply[]> {
  if (named.length > 1)
    return [
      text(
        `您单位有 ${named.length} 处隐患与此相符，请回复「整改 编号」：\n${named
          .map((h) => `· ${h.code} ${maskPersonalInfo(h.description)}`)
          .join('\n')}`,
      ),
    ]
  // Nothing of theirs named: which one is meant is asked, with what is waiting for them — never silence. A unit
  // with no hazard open but a complaint in hand is told how to reply to it with these words.
  const inHand = await unitComplaints(turn.ctx.db, unitId, ['assigned', 'accepted'], IN_HAND_NAMED_AMONG)
  // 「井盖已经换了新的」 naming none of the unit's hazards but one of its complaints (by place and thing): that
  // complaint's reply — as is the only complaint in hand when no hazard is open. (A complaint's number said with the
  // words is not part of them.)
  // The words are offered as its result; 「是」 sends them (the next message, in step).
  const offer = (code: string) => {
    // (「…已经换了 市民那边回复一下」: the request to answer is no part of the answer.)
    // (「人民路井盖那个 已经补上了」: which one it is, pointed at, is no part of it either.)
    const words =
      withoutCode(input, 'TS')
        .replace(ANSWER_ASKED_BEFORE, '')
        .replace(ANSWER_ASKED_AFTER, '')
        .replace(PHOTO_NOTED_AFTER, '')
        .replace(POINTED_AT_BEFORE, '')
        .replace(POINTER_BEFORE_DONE, '$1') || input
    awaitReplyFor(session, { code, words })
    return [text(WORDING.replyWithTheseWords(code, words))]
  }
  const [complaintNamed, ...namedToo] = recordsNamed(inHand, input)
  if (complaintNamed && namedToo.length === 0) return offer(complaintNamed.code)
  // 「加固好了」 after 「已经去看了 是松了 下午加固」 on a complaint in hand: the work said to be planned there is done —
  // that complaint's result, when no hazard waiting speaks of the same work (both had been listed, and which asked).
  const planned = await complaintPlanningWork(turn, inHand, input)
  if (planned && !open.some((h) => h.description.includes(planned.work))) return offer(planned.code)
  if (open.length === 0) {
    // 「隐患整改完成 附照片」 speaks of a hazard: none is open, and the complaints in hand are named for what they are
    // (the words had been offered as a complaint's answer to its citizen).
    if (/隐患/.test(input) && !/投诉|市民/.test(input))
      return [
        text(
          `${WORDING.noRectificationWaiting}${inHand.length > 0 ? `\n${WORDING.complaintsInHandToo(inHand.map((c) => c.code))}` : ''}`,
        ),
      ]
    const [complaint, ...more] = inHand
    // 「滨湖路塌陷已经修好了」 naming a place or thing that the one complaint in hand is not about: not its answer (the
    // words had been offered to that complaint's citizen).
    if (complaint && more.length === 0 && namesARecord(input))
      return [text(WORDING.noneInHandNamed(inHand.map((c) => `· ${c.code} ${clip(c.description, 20)}`)))]
    if (complaint && more.length === 0) return offer(complaint.code)
    if (complaint)
      return [text(WORDING.whichComplaint([complaint, ...more].map((c) => `· ${c.code} ${clip(c.description, 20)}`)))]
    // 「今天的投诉都处理完了」 speaks of complaints: none is in hand.
    return [text(/投诉/.test(input) ? WORDING.noComplaintInHand : WORDING.noRectificationWaiting)]
  }
  return [
    text(
      `请问是哪一处隐患？请回复「整改 编号」。您单位待整改的隐患：\n${open
        .slice(0, 5)
        .map((h) => `· ${h.code} ${clip(h.description, 20)}`)
        .join('\n')}${open.length > 5 ? `\n……共 ${open.length} 处，发送「我的待办」查看全部。` : ''}${
        inHand.length > 0 ? `\n${WORDING.complaintsInHandToo(inHand.map((c) => c.code))}` : ''
      }`,
    ),
  ]
}

/**
 * 「回复一下市民」「可以答复市民了」「这个井盖的投诉办结了」: a complaint's result to be sent, with nothing said of what it
 * is. (Words that say what was done — 「井盖已经换好了」 — are offered as the result, in whichRectified.)
 */
const ANSWER_CITIZEN_ASKED =
  /^(?:可以|帮我|请|麻烦|我要|我想|要|该)?(?:给|跟)?(?:市民|群众|投诉人)?(?:回复|答复|回)(?:一下|下)?(?:市民|群众|投诉人)?(?:了|吧|一下)*[。！!]*$|^(?:这个|那个|这件|那件|这单)?[\u4e00-\u9fa5]{0,8}?(?:的)?投诉(?:已经?|都)?(?:办结|办完|处理完|处理好|完结|结案)(?:了)?(?:吧)?[。！!]*$/

/**
 * 「这是整改后的照片」「整改完的现场图」「这是井盖整改后的照片」: a photo's caption, saying it shows the rectification
 * (of the thing or place it names).
 */
const PHOTO_OF_REPAIR =
  /^(?:这是|这个是|这些是|这几张是|以上是|发|发一下|附|附上|补|补发|补一张)?[^？?，,。]{0,12}?(?:的)?(?:整改|修复|维修|更换|处理)(?:后|完|好|之后|以后|完成后|完毕)?的?(?:现场)?(?:照片|图片|相片|图)(?:已发|发了|发你了)?[。！!～~\s]*$/

/** 「，市民那边回复一下」「，答复投诉人吧」 after what was done: asks that it be sent. */
/** 「…已经换新的了 附照片」: a note that a photo goes with the words, which the citizen's answer would not carry. */
const PHOTO_NOTED_AFTER =
  /[，,。\s]+(?:附|见|看|有|发了?|如)(?:上|下|后)?(?:现场)?(?:照片|图片|相片|图)(?:如下|为证)?[。！!]*$/
/** 「人民路井盖那个 」「这个投诉，」 before what was done: which one, not the result. */
const POINTED_AT_BEFORE = /^[\u4e00-\u9fa5A-Za-z0-9]{0,16}?(?:的)?(?:那个|这个|那件|这件)(?:投诉)?(?:的)?[，,\s]+/
/** 「路灯那个已经修好了」: the pointer between the thing and what was done — 「路灯已经修好了」 is what the citizen reads. */
const POINTER_BEFORE_DONE =
  /^([\u4e00-\u9fa5]{1,10}?)(?:的)?(?:那个|这个|那件|这件|那处|这处)(?:投诉|问题)?(?:的)?(?=已|都|我们|今天|昨天|刚|现在)/
/** 「回复 …」「答复：…」: a complaint's answer, its command said without the number. */
const REPLY_VERB_FIRST = /^(?:回复|答复)[\s:：，,]/
/** 「回复市民：」「答复一下市民 」「回复 」 before what was done: asks that it be sent (the command's word alone too). */
const ANSWER_ASKED_BEFORE =
  /^(?:请|麻烦|帮我)?(?:给|跟|向)?(?:市民|群众|投诉人)?(?:回复|答复)(?:一下|下)?(?:市民|群众|投诉人)?[：:，,\s]+/
const ANSWER_ASKED_AFTER =
  /[，,。\s]+(?:可以|请|麻烦|帮我)?(?:跟|给|向)?(?:市民|群众|投诉人)?(?:那边|那里)?(?:回复|答复|回个话|说一声|说一下)(?:一下|下)?(?:市民|群众|投诉人)?(?:了|吧)*[。！!]*$/

function asksToAnswerCitizen(input: string): boolean {
  return ANSWER_CITIZEN_ASKED.test(input) && /市民|群众|投诉人|投诉|回复|答复/.test(input)
}

/**
 * The result of the one complaint in hand the words can be about is asked for; with several, which one (and the
 * answer to that, `among` those listed, picks it). Undefined when none is in hand, or the answer picks none.
 */
async function askComplaintOutcome(
  turn: Turn,
  session: Session,
  unitId: number,
  input: string,
  among?: readonly string[],
): Promise<Reply[] | undefined> {
  const inHand = (await unitComplaints(turn.ctx.db, unitId, ['assigned', 'accepted'], IN_HAND_NAMED_AMONG)).filter(
    (c) => !among || among.includes(c.code),
  )
  const code = normaliseCode(input)
  const named = code ? inHand.filter((c) => c.code === code) : recordsNamed(inHand, input)
  const meant = named.length === 1 ? named : inHand.length === 1 && !among ? inHand : []
  const [only] = meant
  if (only) {
    awaitReplyFor(session, { code: only.code })
    return [text(WORDING.askComplaintOutcome(only.code, clip(maskPersonalInfo(only.description), 20)))]
  }
  if (inHand.length === 0 || among) return undefined
  const listed = named.length > 1 ? named : inHand
  awaitReplyFor(session, { among: listed.map((c) => c.code) })
  return [
    text(WORDING.whichComplaintToAnswer(listed.map((c) => `· ${c.code} ${clip(maskPersonalInfo(c.description), 20)}`))),
  ]
}

/** What happened in an accident, as told: who was hurt, what fell or broke, what was done. */
const ACCOUNT_WORDS =
  /受伤|伤亡|死亡|身亡|遇难|坠落|掉下|摔|跌落|骨折|昏迷|住院|倒塌|坍塌|爆炸|闪爆|起火|着火|触电|砸|送医|抢救|停工|事故|被困/
const DEATHS_SAID = /死亡|身亡|遇难|死了/

/**
 * Whether an answer to one of the accident's boxes is the account instead: it does not answer the box (or, to the
 * deaths asked, speaks of the hurt and not the dead), and tells what happened.
 */
function tellsTheAccount(field: FieldDefinition, input: string, answers: AnswerContext): boolean {
  if (!ACCOUNT_WORDS.test(input) || isQuestion(input)) return false
  if (field.key === 'deaths') return !DEATHS_SAID.test(input) || !parseAnswer(field, input, answers).ok
  return !parseAnswer(field, input, answers).ok
}

/** What a handler's next message answers about a complaint's result (see STEP_REPLY_FOR). */
interface ReplyAwaited {
  code?: string
  words?: string
  among?: string[]
  /** Photos of the result, sent before or while the answer waits: they go on the answer's step. */
  mediaIds?: number[]
}

/** Words about a complaint (「…的投诉我们去看了」), with no number: the one of the unit's in hand they name, if one. */
async function complaintSpokenOf(turn: Turn, unitId: number, input: string): Promise<string | undefined> {
  if (!/投诉|工单/.test(input) || normaliseCode(input) || isQuestion(input) || [...input].length > 120) return undefined
  // 「…的投诉签收一下」「…的投诉收到了」「已派人去了」: a 签收, which the complaint's own reader makes (staff.ts).
  if (/签收|受理|收到|知道了/.test(input) || takesUpComplaint(input)) return undefined
  // 「…投诉的现场发现基坑没有围挡」: a hazard found there, reported as one.
  if (/发现/.test(input) && namesDefect(input)) return undefined
  const inHand = await unitComplaints(turn.ctx.db, unitId, ['assigned', 'accepted'], IN_HAND_NAMED_AMONG)
  const [only, ...more] = recordsNamed(inHand, input)
  return only && more.length === 0 ? only.code : undefined
}
/** What was done, said as done: 「已经责令停工」「已更换」「修好了」. */
const RESULT_SAID =
  /(?:已经?|已)[^，,。；;]{0,4}?(?:办结|处理|修复|修好|更换|换好|整改|清理|解决|恢复|维修|拆除|完成|回填|填平|修补|补好|疏通|加固|清运|清除|封堵|处置|完工|责令|停工|制止|劝离|约谈|下达)|(?:处理|修|换|弄|清理|整改|拆)(?:好|完)了/

function awaitReplyFor(session: Session, replyFor: ReplyAwaited): void {
  // Photos sent just before the words (a photo, then 「井盖已经换好了」) show the result: they go with the answer.
  const held = evidenceWaiting.get(session)
  if (held) evidenceWaiting.delete(session)
  const mediaIds = [...(replyFor.mediaIds ?? []), ...(held?.mediaIds ?? [])]
  session.step = STEP_REPLY_FOR
  session.draft = { ...session.draft, replyFor: mediaIds.length > 0 ? { ...replyFor, mediaIds } : replyFor }
}

/** A result as a handler writes it: words, not a question, a command, a record's number or a word of chat. */
function readsAsOutcome(input: string): boolean {
  return (
    [...input].length >= 4 &&
    !isQuestion(input) &&
    !normaliseCode(input) &&
    !matchFormCommand(input) &&
    !isCourtesy(input) &&
    // (「人民路的」「井盖那个」 say which, not what was done.)
    !placeAlone(input.replace(/的$/, '')) &&
    !/(?:的|那个|那件|这个|这件)$/.test(input) &&
    readsAsWords(input)
  )
}

/** 「发现…」「巡查…」: something found, told as such — a report, whatever was done about it. */
const REPORTS_A_FINDING = /发现|巡查|巡了|巡视|排查/

/** 「刚才那个隐患」「刚报的那个」「上一个」: the record just reported, not one named by its place or thing. */
const POINTS_AT_LATEST =
  /^(?:刚才|刚刚|刚|才)(?:报|上报|发|说)?的?(?:那个|这个|那处|这处|那条|一个)?|^(?:我)?(?:刚才|刚刚|刚)?(?:报|上报)的那(?:个|处|条)|^上一(?:个|处|条)/

/**
 * 「五落实」「落实五落实：责任人…」 after a hazard's number, or 「人民路塌陷那个五落实：…」 after its place or thing:
 * the words naming it (none after a number), and what is said of the 五落实.
 */
const FIVE_FIXES_SAID =
  /^(?:请|帮我|把)?([\u4e00-\u9fa5A-Za-z0-9]{0,16}?)(?:的)?(?:那个|这个|那处|这处)?(?:重大)?(?:隐患)?(?:的)?(?:落实|填写?|登记|补(?:充|填)?|做)?(?:一下)?(?:的)?五落实(?:一下|情况)?(?:如下)?(?:[：:，,。\s]+([\s\S]*))?[。！!]*$/

const VERIFIED = /^(?:验收)?[\s，,：:]*((?:验收)?(?:不通过|不合格|未通过|通过|合格)[\s\S]*)$/
/** 「朗州路护栏那个验收一下」「人民路井盖验收了，没问题」: a check said of a hazard named by its place or thing. */
const VERIFY_IN_WORDS = /验收|销号/
/** 「去看了 整改到位了」「复查了，还是不合格」: a re-check on the spot and what it found. */
const RECHECKED =
  /(?:去看了|看过了|复查|复核|核查|现场看了|去现场看了|到现场看了).{0,12}(?:到位|合格|没问题|整改好了|修好了|不到位|不合格|还没|没整改)/
const FAILED_IN_WORDS = /不通过|不合格|未通过|没通过|没修好|没整改好|不到位|不行|有问题|还没/
const PASSED_IN_WORDS = /通过|合格|没问题|可以|到位|没毛病|修好了|整改好了/

/** The verdict a check in words gives: 不通过 with what was said, 通过, or none (the form then asks). */
function verdictInWords(input: string): string {
  if (FAILED_IN_WORDS.test(input)) return `不通过 ${input}`
  return PASSED_IN_WORDS.test(input) ? '通过' : ''
}

const REPAIR_DONE = /^(?:已经?|已)?(?:整改|修复|修好|修缮|更换|处理|处置|完成|加固|拆除|清理)/

/**
 * A corrected value said back: a choice as the form shows it (「应该是一般的吧」 is 「一般隐患」), anything else as typed
 * (the summary that follows shows it exactly).
 */
function shownAs(field: FieldDefinition, said: string, session: Session, answers: AnswerContext): string {
  return CHOICE_TYPES.has(field.type) ? renderValue(field, session.draft[field.key], answers) : said
}
const CHOICE_TYPES: ReadonlySet<string> = new Set(['level', 'category', 'unit', 'verdict', 'choice'])

/** The 五落实 named in the words (two or more parts), each merged into its box; false when they name none. */
function mergeFiveFixes(form: FormDefinition, session: Session, words: string, answers: AnswerContext): boolean {
  const fixes = fiveFixesSaid(words)
  if (!fixes) return false
  for (const [key, value] of Object.entries(fixes)) {
    const box = form.fields.find((f) => f.key === key)
    const read = box && value ? parseAnswer(box, value, answers) : undefined
    if (read?.ok) merge(session, read.values)
  }
  return true
}

/** What a reply quotes back of a message: enough to recognise it. */
function clipped(input: string): string {
  const chars = [...input.replace(/\s+/g, ' ')]
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('')
}

/** 「类别 燃气」「地点：人民路」: a field's label, then a space or a colon, then its new value — read as 修改. */
function namesAFieldFirst(input: string, fields: FieldDefinition[]): boolean {
  return fields.some((f) => [...f.label].length >= 2 && new RegExp(`^${escapeRegExp(f.label)}[\\s:：]+\\S`).test(input))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** The unit a team visited (by its full name where the words start one) and the day, as 「我们组今天去燃气办检查了」 says. */
function teamVisitSaid(input: string, answers: AnswerContext): Record<string, unknown> {
  const said: Record<string, unknown> = {}
  const named = UNIT_VISIT.exec(input)?.[1]
  if (named) said.target = unitByStartOfName(answers.units, named)?.unit.name ?? named
  const day = /今天|昨天|前天|[0-9]{1,2}月[0-9]{1,2}[日号]/.exec(input)?.[0]
  const start = FORMS.team.fields.find((f) => f.key === 'startedAt')
  const read = day && start ? parseAnswer(start, day, answers) : undefined
  if (read?.ok) Object.assign(said, read.values)
  return said
}

/** 「一个重大隐患」「条隐患」 after 上报: a grade, or nothing but the word 隐患 — no description. */
const GRADE_ONLY =
  /^(?:一下|一个|一处|一条|一项|一起|个|处|条|项)?(?:新的?)?(?:(重大|一般|较大|严重)(?:的)?)?(?:安全)?(?:隐患|问题|情况|险情)?[。！!]*$/

/** 「督查科今天开会」「巡查员请假了」: the command word is part of an office's or a post's name. */
const OFFICE_AFTER_COMMAND = /^(?:科|员|室|局|办(?!理))/

/** Every form's commands, longest first across all forms, so 巡查组 wins over 巡查 and 上报隐患 over 上报. */
const FORM_COMMANDS = Object.values(FORMS)
  .flatMap((form) => form.commands.map((command) => ({ form, command })))
  .sort((a, b) => b.command.length - a.command.length)

/** 「督查一下市政的整改情况」「巡查一下人民路的情况」: asking to look at how something stands, not a record to fill. */
const LOOK_AT_AFTER_COMMAND = /^一下.{0,14}(?:情况|怎么样|咋样|如何|进展|进度)[？?。！!]*$/
/** 「整改期限太短了」「验收标准是什么」「巡查要求」: a compound of the command's word, talked about — no command. */
const NOUN_AFTER_COMMAND = /^(?:期限|时限|通知书?|率|标准|要求|进度|进展|范围|频次|频率)/

function matchFormCommand(input: string, strict = false): { form: FormDefinition; rest: string } | undefined {
  // 「巡查记录由李明统一填报」: who files the record, said with the command's word — no record for this person.
  if (saysFiledByOther(input)) return undefined
  for (const { form, command } of FORM_COMMANDS) {
    if (
      input.startsWith(command) &&
      (LOOK_AT_AFTER_COMMAND.test(input.slice(command.length)) || NOUN_AFTER_COMMAND.test(input.slice(command.length)))
    )
      continue
    if (
      input === command ||
      input.startsWith(`${command} `) ||
      (!strict && input.startsWith(command) && !OFFICE_AFTER_COMMAND.test(input.slice(command.length)))
    ) {
      return { form, rest: input.slice(command.length).replace(/^[\s:：，,]+/, '') }
    }
  }
  return undefined
}

async function startFromText(
  turn: Turn,
  session: Session,
  actor: Actor,
  answers: AnswerContext,
  deps: FormDeps,
  input: string,
) {
  const match = matchFormCommand(input)
  if (!match) return [text('好的，已放弃。发送「帮助」查看可用命令。')]
  return startForm(turn, session, actor, answers, deps, match.form, match.rest)
}

/**
 * Why this person cannot act on the hazard, in words that say what to do: a rectification is the
 * responsible unit's, and a hazard not yet handed to one has nobody's rectification to report.
 */
async function refusalFor(
  turn: Turn,
  form: FormDefinition,
  hazard: Pick<typeof hazards.$inferSelect, 'code' | 'unitId'>,
): Promise<string> {
  if (form.id !== 'rectification') return `您无权对隐患 ${hazard.code} 执行「${form.title}」。`
  if (hazard.unitId === null) return WORDING.rectificationNotAssigned(hazard.code)
  const [unit] = await turn.ctx.db.select({ name: units.name }).from(units).where(eq(units.id, hazard.unitId))
  return WORDING.rectificationOtherUnit(hazard.code, unit?.name ?? '责任单位')
}

const HAZARD_ACTION: Partial<Record<FormId, HazardAction>> = {
  assignment: 'assign',
  rectification: 'report_rectification',
  verification: 'verify_pass',
}
const EXPECTED_STATUS: Partial<Record<FormId, HazardStatus[]>> = {
  assignment: ['reported'],
  rectification: ['assigned', 'rectifying'],
  verification: ['awaiting_verification'],
}

const CANDIDATES_LISTED = 5

/** The hazards a coded form may be for, by this person (a unit's rectification: their unit's), oldest first. */
async function hazardsWaitingFor(turn: Turn, formId: FormId, actor: Actor, limit = CANDIDATES_LISTED) {
  const statuses = EXPECTED_STATUS[formId]
  if (!statuses) return []
  const ownUnit = formId === 'rectification' && actor.role !== 'admin' ? actor.unitId : undefined
  if (ownUnit === null) return []
  return turn.ctx.db
    .select({ code: hazards.code, description: hazards.description, locationText: hazards.locationText })
    .from(hazards)
    .where(and(inArray(hazards.status, statuses), ownUnit === undefined ? undefined : eq(hazards.unitId, ownUnit)))
    .orderBy(asc(hazards.id))
    .limit(limit)
}
/** How many waiting hazards the words after a bare command are matched against (「验收一下那个路灯杆」). */
const CANDIDATES_NAMED = 200

/** Whether words said after a bare command are what it takes after the number (a unit, a verdict, what was done). */
async function fitsAfterCode(turn: Turn, formId: FormId, input: string): Promise<boolean> {
  if (isQuestion(input) || [...input].length > 40) return false
  if (formId === 'assignment') return (await unitNamedIn(turn, input)) !== undefined
  if (formId === 'verification') return VERIFIED.test(input)
  if (formId === 'rectification') return SAYS_FIXED.test(input) || REPAIR_DONE.test(input)
  return false
}

/** 「完了」「好了」「完成了」: done, and nothing said of what was done. */
const DONE_ALONE = /^(?:已经?|都)?(?:完了|好了|完成了?|做完了|弄好了|搞定了?|结束了)[。！!~～]*$/

async function startForm(
  turn: Turn,
  session: Session,
  actor: Actor,
  answers: AnswerContext,
  deps: FormDeps,
  form: FormDefinition,
  rest: string,
  /** Values the message settles beyond what its words say (danger: a major hazard). */
  preset?: Record<string, unknown>,
): Promise<Reply[]> {
  if (!form.roles.includes(actor.role as never)) return [text(roleRefusal(form))]
  session.form = form.id
  session.step = null
  session.draft = {}
  if (form.needsHazardCode) {
    const code = normaliseCode(rest)
    if (!code?.startsWith('YH')) {
      // 「验收一下那个路灯杆」「整改 朗州路护栏已修好」: the one waiting hazard the words name, by its thing or place.
      const named = rest.trim()
        ? recordsNamed(await hazardsWaitingFor(turn, form.id, actor, CANDIDATES_NAMED), rest)
        : []
      // 「整改完了」「验收通过」 naming none, where only one can be meant: that one (a number had been asked for, and
      // the one it could be listed). What was done is then asked: 「完了」 says nothing of it.
      const doneAlone = form.id === 'rectification' && DONE_ALONE.test(rest.trim())
      const soleWaiting =
        named.length === 0 && (doneAlone || (form.id === 'verification' && VERIFIED.test(rest)))
          ? await hazardsWaitingFor(turn, form.id, actor)
          : []
      const [only] = named.length === 1 ? named : soleWaiting.length === 1 ? soleWaiting : []
      if (only) {
        clearSession(session)
        const after = form.id === 'verification' ? verdictInWords(rest) : doneAlone ? '' : rest
        // Which one was taken is said first: it was picked by words, not by its number.
        const picked = WORDING.hazardPicked(only.code, clip(maskPersonalInfo(only.description), 20))
        const [first, ...more] = await startForm(
          turn,
          session,
          actor,
          answers,
          deps,
          form,
          `${only.code} ${after}`.trim(),
          preset,
        )
        if (first?.message.type === 'text') return [text(`${picked}${first.message.text}`), ...more]
        return [text(picked), ...(first ? [first] : []), ...more]
      }
      // 「整改」 alone: the number may come in the next message, and the command waits for it.
      clearSession(session)
      session.step = STEP_CODE
      session.draft = { commandWaiting: form.commands[0] }
      // The numbers it may be for, so nobody has to look them up.
      const candidates = await hazardsWaitingFor(turn, form.id, actor)
      const listed = candidates.length
        ? `\n${candidates.map((h) => `· ${h.code} ${clip(maskPersonalInfo(h.description), 20)}`).join('\n')}`
        : ''
      // The example in the person's own word (「销号」 is shown 「销号 YH…」, not the form's first command).
      const typed = turn.message.kind === 'text' ? (turn.message.text ?? '').trim() : ''
      const verb = form.commands.find((c) => typed.startsWith(c)) ?? form.commands[0]
      // 「整改完成了 请验收」 from a unit with no hazard to rectify: said so, with the complaints it has in hand (a
      // number had been asked for, as if one were waiting).
      if (form.id === 'rectification' && candidates.length === 0 && actor.unitId !== null) {
        const inHand = await unitComplaints(turn.ctx.db, actor.unitId, ['assigned', 'accepted'], IN_HAND_NAMED_AMONG)
        const complaintsToo = inHand.length ? `\n${WORDING.complaintsInHandToo(inHand.map((c) => c.code))}` : ''
        return [text(`${WORDING.noRectificationWaiting}${complaintsToo}`)]
      }
      // 「验收」 with no rectification submitted: nothing waits to be checked — said so, with how one is named (a number
      // had been asked for, and 「通过」 after it was not understood).
      if (form.id === 'verification' && candidates.length === 0) return [text(WORDING.noVerificationWaiting(verb))]
      return [text(`请发送隐患编号（直接回复编号即可），例如：${verb} YH20261123-0001${listed}`)]
    }
    const [hazard] = await turn.ctx.db.select().from(hazards).where(eq(hazards.code, code))
    const action = HAZARD_ACTION[form.id]
    if (!hazard) {
      clearSession(session)
      return [text(`未找到隐患 ${code}，请核对编号。`)]
    }
    if (action && !canActOnHazard(actor, action, hazard)) {
      clearSession(session)
      return [text(await refusalFor(turn, form, hazard))]
    }
    if (!(EXPECTED_STATUS[form.id] ?? []).includes(hazard.status)) {
      clearSession(session)
      return [text(`隐患 ${code} 当前状态为「${HAZARD_STATUS_LABELS[hazard.status]}」，不能${form.title}。`)]
    }
    session.draft.hazardId = hazard.id
    session.draft.hazardCode = hazard.code
    session.draft.level = hazard.level
    if (form.id === 'assignment') {
      // Propose the unit from the routing table; the supervisor can change it with 修改 责任单位.
      const [rule] = await turn.ctx.db.select().from(routingRules).where(eq(routingRules.category, hazard.category))
      if (rule) session.draft.unit = rule.unitId
    }
    // 「已更换新井盖，附照片」: the photos are attached to the record; the words that announce them are not its note.
    const remainder = withoutCode(rest, 'YH')
      .replace(
        /[，,；;。\s]*(?:并)?(?:附|见|详见|另附)(?:上)?(?:现场|整改后的?)?(?:照片|图片|相片|附图)(?:如下|为证)?[。！!\s]*$/,
        '',
      )
      .trim()
    const first = form.fields[0]
    // 「整改 YH… 还在修」: not finished — nothing is sent for checking.
    if (form.id === 'rectification' && NOT_FINISHED.test(remainder) && !SAYS_DONE.test(remainder)) {
      clearSession(session)
      return [text(WORDING.rectificationNotFinished(hazard.code))]
    }
    // 「YH… 五落实：责任人王强，措施…，资金…」: the 五落实 said with the number, each to its box.
    const fixesTold = form.id === 'assignment' && mergeFiveFixes(form, session, remainder, answers)
    if (!fixesTold && remainder && first) {
      const parsed = parseAnswer(first, remainder, answers)
      if (parsed.ok) merge(session, parsed.values)
    }
  } else if (form.restField && rest.trim()) {
    fillFromRest(form, session, rest, answers)
    // 「事故：…人民路燃气管道被挖断」: the unit whose work it names is offered for the unit asked, as it is when
    // the account answers the first question.
    const unitField = form.id === 'accident' ? form.fields.find((f) => f.type === 'unit') : undefined
    const guess = unitField && session.draft[unitField.key] === undefined ? unitHandling(rest, answers) : undefined
    if (unitField && guess !== undefined) offerGuess(session, unitField.key, guess)
  } else if (form.extraction && rest) {
    // (「和昨天一样」 names a day that is not this patrol's.)
    const said = form.id === 'patrol' && repeatsLastPatrol(rest) ? rest.replace(SAME_AS_BEFORE, ' ').trim() : rest
    const extraction = said
      ? await deps.extractor.extract(form.extraction, said, extractionContext(answers))
      : { fields: {}, unsure: [] }
    merge(session, normalise(form, withGuessesSetAside(session, extraction), said))
    // 「上报隐患 建设路口」 says where, not what: the place is kept and what is wrong is asked.
    const placeOnly = form.id === 'hazard' ? placeAlone(rest.trim()) : undefined
    if (placeOnly) {
      delete session.draft.description
      session.draft.locationText = placeOnly
    }
    // 「上报一个重大隐患」 says how grave, not what: the grade is kept and what is wrong is asked (the words had been
    // taken for the description).
    const gradeOnly = form.id === 'hazard' ? GRADE_ONLY.exec(rest.trim()) : null
    if (gradeOnly) {
      delete session.draft.description
      if (gradeOnly[1]) session.draft.level = /一般/.test(gradeOnly[1]) ? 'general' : 'major'
    }
  }
  if (preset) merge(session, preset)
  if (form.id === 'campaign') {
    const startOf = async () => (actor.unitId === null ? undefined : campaignStartingPoint(turn.ctx, actor.unitId))
    // Last month's table not drafted yet (the job runs on the 1st; a restart may have missed it): drafted now.
    const start = (await startOf()) ?? ((await draftLastPeriod(turn, actor, 'campaign')) ? await startOf() : undefined)
    if (!start) {
      clearSession(session)
      return [text('您单位当前没有待填报的专项整治统计表。')]
    }
    // Last month's risks and problems are the starting point: asked only when there is nothing to offer.
    merge(session, start.draft)
  }
  // 「和昨天一样」: the last patrol's route, people and turn-out, said first so the person knows where they came from.
  const lead =
    form.id === 'patrol' && repeatsLastPatrol(rest) ? await repeatLastPatrol(turn, session, actor, answers) : []
  if (form.id === 'patrol' && session.draft.patrollers === undefined) session.draft.patrollers = answers.reporterName
  if (form.id === 'patrol' && session.draft.focus === undefined) session.draft.focus = patrolFocusOf(rest)
  if (NIGHT.test(rest)) for (const key of ['startedAt', 'endedAt', 'inspectedAt']) session.draft[`${key}Night`] = true
  const held = evidenceWaiting.get(session)
  if (!held) return [...lead, ...prompt(form, session, answers)]
  evidenceWaiting.delete(session)
  attachEvidence(session, held)
  // Only a place was held: no photo or pin to speak of (the place shows in the summary).
  if (held.mediaIds.length === 0 && !held.location) return [...lead, ...prompt(form, session, answers)]
  return [...lead, text(WORDING.heldEvidenceAttached), ...prompt(form, session, answers)]
}

/**
 * Fills a patrol draft from the person's last daily patrol (src/conversation/forms/same-as-before.ts), and says
 * which one; the reporter alone, the extraction's default, is no one named.
 */
async function repeatLastPatrol(turn: Turn, session: Session, actor: Actor, answers: AnswerContext): Promise<Reply[]> {
  const last = actor.personId === null ? undefined : await lastPatrolOf(turn.ctx.db, actor.personId)
  if (!last) return [text(WORDING.noPatrolToRepeat)]
  if (session.draft.patrollers === answers.reporterName) delete session.draft.patrollers
  // A day said (「今天的…」) is where the hours go; today otherwise.
  const daySaid = typeof session.draft.startedAtDay === 'string' ? session.draft.startedAtDay : undefined
  const day = (daySaid && parseTimeRange(daySaid, answers.now, answers.timeZone, 'past')?.start) || answers.now
  const { values, guesses } = repeatOf(last, session.draft, day, answers.now, answers.timeZone)
  merge(session, values)
  if (guesses.startedAt) delete session.draft.startedAtDay
  for (const [key, value] of Object.entries(guesses)) offerGuess(session, key, value)
  return [text(WORDING.patrolRepeated(last.code))]
}

/** Evidence held in the conversation, offered to the form this message starts (handleForms → startForm). */
const evidenceWaiting = new WeakMap<Session, HeldEvidence>()

/**
 * What the extraction only guessed is not filled in silently: a guessed field waits in `draft.guesses` and is
 * shown to the person when its question comes (「巡查路段/项目是「朗州路」吗？」); a hazard whose domain is a
 * guess is marked so the summary asks to check it.
 */
function withGuessesSetAside(
  session: Session,
  extraction: { fields: Record<string, unknown>; unsure: readonly string[] },
): Record<string, unknown> {
  const fields = { ...extraction.fields }
  const guesses = { ...((session.draft.guesses as Record<string, unknown> | undefined) ?? {}) }
  for (const key of extraction.unsure) {
    const item = /^hazards\.(\d+)\.category$/.exec(key)
    if (item && Array.isArray(fields.hazards)) {
      const hazard = fields.hazards[Number(item[1])] as Record<string, unknown> | undefined
      if (hazard) fields.hazards[Number(item[1])] = { ...hazard, categoryUnsure: true }
    } else if (!key.includes('.') && fields[key] !== undefined) {
      guesses[key] = fields[key]
      delete fields[key]
    }
  }
  if (Object.keys(guesses).length > 0) session.draft.guesses = guesses
  return fields
}

/** 「一般隐患」「不算重大」「属一般」: the general grade said, not only the extraction's default. */
const SAYS_GENERAL = /一般(?:隐患|问题|的|性)?(?![来说而言情况])|普通隐患|轻微|(?:不算|不是|不属于)重大/

/** Extraction output in draft shape (patrol hazards keep their own category and level). */
function normalise(
  form: FormDefinition,
  fields: ExtractedFields<'patrol'> | ExtractedFields<'hazard'>,
  said: string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    // "general" is also the extraction's default: it is asked unless the message said it.
    if (form.id === 'hazard' && key === 'level' && value === 'general' && !SAYS_GENERAL.test(said)) continue
    values[key] = value
  }
  return values
}

function merge(session: Session, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    if (key === 'hazards' && Array.isArray(value) && Array.isArray(session.draft.hazards) && value.length > 0) {
      session.draft.hazards = [...session.draft.hazards, ...value]
    } else {
      session.draft[key] = value
    }
  }
  // Those who went, changed to more than were counted (「修改 巡查人员」 then three names with 2 counted): at least as
  // many turned out as are named.
  const named = typeof values.patrollers === 'string' ? values.patrollers.split('、').filter(Boolean).length : 0
  const counted = session.draft.staffCount
  if (values.staffCount === undefined && typeof counted === 'number' && counted < named)
    session.draft.staffCount = named
}

function applicableFields(form: FormDefinition, draft: Record<string, unknown>): FieldDefinition[] {
  return form.fields.filter((f) => !f.when || f.when(draft))
}

function nextMissing(form: FormDefinition, draft: Record<string, unknown>): FieldDefinition | undefined {
  return applicableFields(form, draft).find(
    (f) =>
      !f.optional && draft[f.key] === undefined && !(f.key === 'locationText' && typeof draft.latitude === 'number'),
  )
}

/**
 * The category question lists the categories. The level question comes with the short 重大事故隐患 criteria
 * for the hazard's category, so the reporter judges with the standard in front of them rather than by guess.
 */
/** 「11月22日几点开始的？」: the hour asked of a day already said. */
function dayKnownQuestion(field: FieldDefinition, day: string): string {
  if (field.key === 'startedAt') return `${day}几点开始的？`
  if (field.key === 'endedAt') return `${day}几点结束的？`
  return `${field.label}是${day}几点？`
}

function questionFor(field: FieldDefinition, draft: Record<string, unknown>): string {
  // Nobody knows the bureau's categories by heart: they come with the question.
  if (field.type === 'category') return `${field.question}（${field.hint}）`
  // The day is known (「昨天」「11月20日」 said before): only the hour is asked.
  const day = draft[`${field.key}Day`]
  if (field.type === 'datetime' && typeof day === 'string') return dayKnownQuestion(field, day)
  if (field.type !== 'level' || !isCategory(String(draft.category))) return field.question
  const criteria = MAJOR_HAZARD_CRITERIA[draft.category as Category]
  if (!criteria?.length) return field.question
  return `${field.question}\n属于重大隐患的情形（${CATEGORY_LABELS[draft.category as Category]}）：\n${criteria.map((c) => `· ${c}`).join('\n')}`
}

/**
 * A guess offered for the open question (「类别是「道路及市政设施」吗？」) is offered again when the answer was
 * something else that leaves the question open (a pause, a photo, a detail), so 「是」 still takes it.
 */
function offerAgain(
  session: Session,
  proposal: { key: string; value: unknown; also?: unknown } | undefined,
  key: string,
): void {
  // A check's proposal (「是凌晨吗？」) is asked again by the check itself.
  if (proposal?.key !== key || proposal.also) return
  offerGuess(session, key, proposal.value)
}

/** A value proposed for a field, asked as 「…是X吗？」 when the field's turn comes (prompt). */
function offerGuess(session: Session, key: string, value: unknown): void {
  const guesses = (session.draft.guesses as Record<string, unknown> | undefined) ?? {}
  session.draft.guesses = { ...guesses, [key]: value }
}

function prompt(form: FormDefinition, session: Session, answers: AnswerContext): Reply[] {
  const problem = checkDraft(form.id, session.draft, answers)
  if (problem) {
    delete session.draft[problem.field]
    if (problem.askedOnce) session.draft[problem.askedOnce] = true
    if (problem.proposal !== undefined)
      session.draft.proposal = { key: problem.field, value: problem.proposal, also: problem.alsoSet }
    session.step = problem.field
    return [text(problem.question)]
  }
  const missing = nextMissing(form, session.draft)
  if (missing) {
    session.step = missing.key
    const guesses = session.draft.guesses as Record<string, unknown> | undefined
    const guess = guesses?.[missing.key]
    if (guesses && guess !== undefined) {
      // The guess is offered once: 「是」 takes it, any other answer is read as the answer.
      delete guesses[missing.key]
      session.draft.proposal = { key: missing.key, value: guess }
      const shown = renderValue(missing, guess, { timeZone: answers.timeZone, units: answers.units, now: answers.now })
      // A list (the hazards found) is shown line by line rather than inside the quotation marks.
      const question = shown.includes('\n')
        ? `${missing.label}是否为以下内容：${shown.startsWith('\n') ? '' : '\n'}${shown}\n是请回复「是」；不是请直接发送正确的${missing.label}。`
        : `${missing.label}是「${shown}」吗？是请回复「是」；不是请直接发送正确的${missing.label}。`
      return [text(question)]
    }
    return [text(questionFor(missing, session.draft))]
  }
  session.step = STEP_CONFIRM
  const heading = typeof session.draft.hazardCode === 'string' ? `隐患编号：${session.draft.hazardCode}` : undefined
  return [
    text(
      renderSummary(form, session.draft, applicableFields(form, session.draft), {
        timeZone: answers.timeZone,
        units: answers.units,
        now: answers.now,
        heading,
      }),
    ),
  ]
}

async function save(turn: Turn, session: Session, form: FormDefinition, actor: Actor): Promise<Reply[]> {
  if (form.id === 'hazard' && session.draft.duplicateOf === undefined && !session.draft.duplicateChecked) {
    const nearby = await findNearbyOpenHazard(turn.ctx.db, {
      category: session.draft.category as never,
      description: typeof session.draft.description === 'string' ? session.draft.description : undefined,
      locationText: typeof session.draft.locationText === 'string' ? session.draft.locationText : undefined,
      latitude: typeof session.draft.latitude === 'number' ? session.draft.latitude : undefined,
      longitude: typeof session.draft.longitude === 'number' ? session.draft.longitude : undefined,
    })
    if (nearby) {
      session.draft.duplicateCandidate = nearby.id
      session.draft.duplicateCandidateCode = nearby.code
      session.step = STEP_DUPLICATE
      return [
        text(
          `附近已有同类未办结隐患 ${nearby.code}（${nearby.locationText ?? '位置相近'}）。是同一个隐患吗？回复「是」关联到该隐患，回复「否」作为新隐患上报。`,
        ),
      ]
    }
  }
  if (form.id === 'patrol' && !session.draft.overlapChecked && actor.personId !== null) {
    const overlap = await overlappingPatrol(turn, actor.personId, session.draft)
    if (overlap) {
      session.step = STEP_OVERLAP
      const span = `${formatLocal(overlap.startedAt, turn.ctx.timeZone, turn.ctx.clock.now())}–${formatLocal(overlap.endedAt, turn.ctx.timeZone, turn.ctx.clock.now()).slice(-5)}`
      return [
        text(
          `您在 ${span} 已有巡查记录 ${overlap.code}（${overlap.area}），与这条时间重叠。仍要保存请回复「仍然保存」，或发送「修改 开始时间」调整。`,
        ),
      ]
    }
  }
  try {
    const result = await saveForm(form.id, session.draft, turn.ctx, actor)
    clearSession(session)
    return [text(result)]
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error
    session.step = STEP_CONFIRM
    return [text(`${error.message}\n可发送「修改 字段名」调整，或「取消」放弃。`)]
  }
}

/** The same person's saved, not voided patrol whose time overlaps this draft's, if any. */
async function overlappingPatrol(turn: Turn, personId: number, draft: Record<string, unknown>) {
  if (typeof draft.startedAt !== 'string' || typeof draft.endedAt !== 'string') return undefined
  const [row] = await turn.ctx.db
    .select()
    .from(patrols)
    .where(
      and(
        eq(patrols.reporterId, personId),
        isNull(patrols.voidedAt),
        lt(patrols.startedAt, new Date(draft.endedAt)),
        gt(patrols.endedAt, new Date(draft.startedAt)),
      ),
    )
    .limit(1)
  return row
}

/** Photos and a pin sent outside any form, kept in the conversation until a form starts or they go stale. */
interface HeldEvidence {
  mediaIds: number[]
  location?: { latitude: number; longitude: number; label?: string }
  /** A place said alone (「人民路88号」), for the report the next words start. */
  place?: string
  at: string
  /** Sent before the form began (not with one of its answers). */
  held?: boolean
}
const HELD_EVIDENCE_MS = 10 * 60_000

function holdEvidence(session: Session, turn: Turn): void {
  const before = heldEvidence(session, turn.ctx.clock.now())
  const { message, mediaIds } = turn
  const held: HeldEvidence = {
    mediaIds: [...(before?.mediaIds ?? []), ...mediaIds],
    location: message.kind === 'location' && message.location ? message.location : before?.location,
    at: turn.ctx.clock.now().toISOString(),
    held: true,
  }
  if (held.mediaIds.length > 0 || held.location) session.draft.heldEvidence = held
}

/** What is held and still fresh; taken out of the draft (a form's draft never carries it). */
function heldEvidence(session: Session, now: Date): HeldEvidence | undefined {
  const held = session.draft.heldEvidence as HeldEvidence | undefined
  delete session.draft.heldEvidence
  if (!held || now.getTime() - new Date(held.at).getTime() > HELD_EVIDENCE_MS) return undefined
  return held
}

function photoTarget(session: Session): { id: number; code: string } | undefined {
  const target = session.draft.photoFor as { id?: unknown; code?: unknown } | undefined
  return typeof target?.id === 'number' && typeof target.code === 'string'
    ? { id: target.id, code: target.code }
    : undefined
}

function attach(session: Session, turn: Turn): void {
  const { message, mediaIds } = turn
  attachEvidence(session, {
    mediaIds,
    location: message.kind === 'location' ? message.location : undefined,
    at: turn.ctx.clock.now().toISOString(),
  })
}

function attachEvidence(session: Session, evidence: HeldEvidence): void {
  const { mediaIds, location, place } = evidence
  const draft = session.draft
  // A place said just before the words of a hazard report: where it is, unless the words name one. (Not a patrol's
  // route: a place alone is as often the answer to a form that timed out.)
  if (
    place &&
    session.form === 'hazard' &&
    draft.locationText === undefined &&
    draft.latitude === undefined &&
    !location
  )
    draft.locationText = place
  const hazardsInDraft = Array.isArray(draft.hazards) ? (draft.hazards as Record<string, unknown>[]) : undefined
  // In a patrol record, evidence belongs to the hazard found last; in a team's checklist, to the item last
  // answered 不符合; otherwise to the record itself.
  const failedItem =
    session.form === 'team'
      ? Object.entries(draft)
          .filter(([key, value]) => key.startsWith('check_') && (value as { verdict?: string }).verdict === 'fail')
          .map(([, value]) => value as Record<string, unknown>)
          .at(-1)
      : undefined
  const target =
    session.form === 'patrol' && hazardsInDraft && hazardsInDraft.length > 0
      ? hazardsInDraft[hazardsInDraft.length - 1]
      : (failedItem ?? draft)
  if (!target) return
  if (mediaIds.length > 0) target.mediaIds = [...((target.mediaIds as number[] | undefined) ?? []), ...mediaIds]
  // A pin held from before the words does not move a place the words name (it may be of somewhere else).
  if (location && !(evidence.held && target.locationText !== undefined && target.locationText !== location.label)) {
    target.latitude = location.latitude
    target.longitude = location.longitude
    if (location.label && target.locationText === undefined) target.locationText = location.label
  }
}

function hasContent(session: Session): boolean {
  return Object.keys(session.draft).some(
    (k) => !['pendingCommand', 'resumeStep', 'proposal', 'guesses', 'heldEvidence'].includes(k),
  )
}

/**
 * The choice between the open draft and a new command: a card with two buttons where the platform shows
 * them (the buttons send the same words), and the words themselves in the text for everyone else.
 */
function discardChoice(turn: Turn, title: string, command: string): Reply {
  return {
    message: {
      type: 'card',
      title: `未完成的「${title}」`,
      // The new command as said, clipped: a long report is not echoed back whole (nor a number in it shown).
      description: `您有未完成的「${title}」填报。回复「继续填写」接着填；回复「放弃并开始新的」放弃它，并开始「${clip(command, 30)}」。`,
      taskId: `form-choice-${turn.message.messageId}`.replace(/[^A-Za-z0-9_@-]/g, '-').slice(0, 120),
      buttons: [
        { key: 'form.continue', text: '继续填写', style: 1 },
        { key: 'form.discard', text: '放弃并开始新的', style: 2 },
      ],
      commandHint: '继续填写',
    },
  }
}

/** Who may use a form, in words: "「督查记录」供督查人员、管理员使用". */
function roleRefusal(form: FormDefinition): string {
  const who = form.roles.map((role) => ROLE_LABELS[role]).join('、')
  return `您无权使用「${form.title}」：仅供${who}使用。发送「帮助」查看您可用的命令。`
}

async function answerContext(turn: Turn, person: PersonRow): Promise<AnswerContext> {
  const [rules, unitRows] = await Promise.all([
    turn.ctx.db
      .select({ category: routingRules.category, keywords: routingRules.keywords, unitId: routingRules.unitId })
      .from(routingRules),
    turn.ctx.db.select({ id: units.id, name: units.name }).from(units).where(eq(units.active, true)),
  ])
  return {
    now: turn.ctx.clock.now(),
    timeZone: turn.ctx.timeZone,
    categoryRules: rules,
    reporterName: person.name,
    units: unitRows,
  }
}

/** The unit the routing table gives what the words name (工地 → 质安处), if they name a kind at all. */
function unitHandling(input: string, answers: AnswerContext): number | undefined {
  const category = classifyByKeywords(input, answers.categoryRules)
  if (category === 'other') return undefined
  return answers.categoryRules.find((rule) => rule.category === category)?.unitId ?? undefined
}

function extractionContext(answers: AnswerContext) {
  return {
    now: answers.now,
    timeZone: answers.timeZone,
    categoryRules: answers.categoryRules,
    reporterName: answers.reporterName,
  }
}
