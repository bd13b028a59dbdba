import { and, desc, eq, isNull } from 'drizzle-orm'
import { FORMS, type FormId } from '../../bots/forms'
import { WORDING } from '../../bots/wording'
import { complaints, escalations, hazardEvents, hazards, patrols } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { platformName } from '../domain/channels'
import { isComplaintOpen } from '../domain/complaint-lifecycle'
import { RuleViolation } from '../domain/errors'
import { HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import { REPORT_COMMAND_WORDS, REPORT_KIND_LABELS, type ReportKind } from '../domain/obligations'
import { maskPersonalInfo } from '../domain/privacy'
import { RECORDING_ROLES } from '../domain/record-permissions'
import { type Actor, ROLE_LABELS } from '../domain/roles'
import { narrativeLines, type SignedReportKind } from '../domain/signoff-lines'
import { gatherDigest } from '../jobs/daily-digest'
import { renderDigest } from '../reports/digest'
import { applyComplaintCommand, complaintsToSign, findComplaintByCode } from '../services/complaints'
import { acknowledgeEscalation } from '../services/escalations'
import { submitEmergencyReport } from '../services/hazard-followups'
import { unitName } from '../services/hazard-notices'
import type { PersonRow } from '../services/identities'
import { majorsAwaitingAcknowledgement } from '../services/major-hazards'
import { applyPatrolCommand } from '../services/patrols'
import { latestOpenReport } from '../services/reports'
import {
  confirmReport,
  reportsAwaitingSignature,
  type Signer,
  type SignoffOutcome,
  signReport,
  signSupervision,
  supervisionsAwaitingSignature,
} from '../services/signoffs'
import { accidentTold, asksAccidents, asksHowAccidentRecorded, describeAccidents } from './accidents-question'
import { asksCitizenContact, describeCitizenContact } from './citizen-contact'
import { codeMovedFirst } from './coded-command'
import { colleagueAskedAfter, describeColleagueTodo } from './colleague-todo'
import {
  asksToSignAll,
  complaintCommandByName,
  complaintCommandInWords,
  DISPATCHING,
  handleComplaintCommand,
  isComplaintCommand,
  noteOnComplaintInHand,
  progressOnComplaintPointedAt,
  progressOnSignedComplaint,
  signAllWaiting,
  takesUpComplaint,
} from './complaint-actions'
import {
  complaintHandedUnnamed,
  complaintInHand,
  complaintProgressInWords,
  duplicateInWords,
  saysReceivedAlone,
} from './complaint-in-hand'
import { isCourtesy, isGreeting } from './courtesy'
import {
  dangerAskedAfter,
  describeDangerReported,
  describeKindOpen,
  kindAskedAfter,
  placeCountedAfter,
} from './danger-question'
import { describeDuty, dutyAskedFor } from './duty-question'
import { namesDefect } from './extract/hazard-statements'
import { findPlace, placeAlone } from './extract/place'
import { handlingIn } from './extract/rules'
import { namesAThingAlone, WATCHED_THING } from './extract/watched-things'
import { comparisonAskedFor, describeFigures, figuresAskedFor } from './figures-question'
import { formatLocal, normaliseCode } from './format'
import { handleForms, MISSENT_IN_FORM, STEP_REPLY_FOR } from './forms/engine'
import { formlessStepOf, openFormStepOf } from './forms/session'
import {
  acceptCommandCode,
  acceptHandedHazard,
  acceptHazardByCode,
  hazardUnderwayNamed,
  reportsWithWhatWasDone,
  takesOnHazard,
} from './hazard-acceptance'
import {
  acknowledgeMajor,
  assignmentWhenUnassigned,
  handleHazardCommand,
  hazardCommandByName,
  hazardCommandInWords,
  isHazardCommand,
} from './hazard-actions'
import { describeComplaintsNamed, describeHazardsNamed } from './hazards-question'
import {
  asksHow,
  asksOpenItems,
  intentOf,
  isQuestion,
  saysFiledByOther,
  saysNoPatrolYet,
  saysRecordLater,
  saysWhoPatrolsInstead,
} from './intent'
import {
  answerLedgerQuestion,
  BRIEFING_ROLES,
  describeAwaitingCheckAsked,
  describeOpen,
  todoOrOpenItems,
} from './ledger-answers'
import { ledgerQuestionIn, OWN_UNIT } from './ledger-question'
import { majorInWords, speaksOfOneHazard } from './major-in-words'
import { namesARecord } from './named-records'
import {
  asksAwaitingCheck,
  asksListedHazards,
  asksOpenMajors,
  describeListedHazards,
  describeOpenMajors,
} from './open-items-question'
import { describePersonWork, personWorkAsked } from './person-work-question'
import { fileComplaintByPhone, phoneInTold } from './phone-in'
import { asksHowToAddPhoto } from './photo-promised'
import { handleProblemCommand, isProblemCommand } from './problem-actions'
import { describePatrolRecordWrong, patrolRecordSaidWrong } from './record-said-wrong'
import { cardUpdate, text } from './reply'
import { draftLastPeriod } from './report-drafts'
import {
  describeReportDue,
  namesReport,
  reportDueAskedFor,
  reportKindNamed,
  whoOwesEachReport,
} from './report-due-question'
import { editNarrative, NARRATIVE_COMMAND } from './report-narrative'
import { receiveByCard, receiveTyped } from './report-receipts'
import { asksWhoIsResponsible, describeResponsibility } from './responsibility-question'
import { scoresAskedFor } from './scores-question'
import { describeStaffFaq, staffFaqAsked } from './staff-faq'
import { asksSystemStatus, describeSystemStatus } from './system-status'
import { describeTodaySoFar } from './today-so-far'
import { listTodos } from './todo-list'
import type { Reply, Turn } from './types'
import { unitNamedIn, unitOfPersonNamed } from './unit-named'
import { codeNamedButMissing } from './unknown-code'
import {
  urgeAskedFor,
  urgedByName,
  urgeEveryLateUnit,
  urgeNamedComplaint,
  urgeNamedHazard,
  urgeNamedUnit,
  urgeRecordNamed,
  urgesComplaint,
  urgesHazard,
  urgesLateUnits,
} from './urge-question'

/**
 * Staff on WeCom, DingTalk or the console: commands, card buttons, and what to do with photos and
 * locations. The structured forms (巡查, 上报隐患, 整改, 验收, 督查) plug in here.
 */
export async function handleStaff(turn: Turn): Promise<Reply[]> {
  const { message, person } = turn
  // Automatic events (entering the app, location reports) get no answer from an unknown account: only
  // something the person sent deserves the "contact your administrator" reply.
  if (!person) {
    const automatic = message.kind === 'event' && message.event?.name !== 'click'
    return automatic ? [] : [text(WORDING.unknownUser(platformName(message.channel)))]
  }
  const actor: Actor = { personId: person.id, role: person.role, unitId: person.unitId }
  switch (message.kind) {
    case 'event':
      if (message.event?.name === 'click' && message.event.key) {
        return runCommand({ ...turn, message: { ...message, kind: 'text', text: message.event.key } }, person, actor)
      }
      if (message.event?.name === 'enter_agent' || message.event?.name === 'subscribe') {
        return [text(WORDING.staffWelcome(person.name, person.role))]
      }
      return []
    case 'card_action':
      return handleCardAction(turn, actor)
    case 'text':
      return runCommand(turn, person, actor)
    case 'voice':
    case 'location':
    case 'image':
    case 'file': {
      if (message.kind === 'voice' && message.text) return runCommand(turn, person, actor)
      const inForm = await handleForms(turn, person, turn.forms)
      if (inForm) return inForm
      // Held for the form the next words start (engine: holdEvidence).
      if (message.kind === 'location') {
        const where = message.location?.label ?? `${message.location?.latitude},${message.location?.longitude}`
        return [text(WORDING.heldEvidence(`位置：${where}`))]
      }
      if (message.kind === 'voice') return [text(WORDING.mediaOutsideForm)]
      return [text(WORDING.heldEvidence(message.kind === 'image' ? '照片' : '文件'))]
    }
    case 'link':
      return [text(WORDING.mediaOutsideForm)]
    default:
      return [text(WORDING.unsupportedType(message.rawType ?? message.kind))]
  }
}

async function runCommand(turn: Turn, person: PersonRow, actor: Actor): Promise<Reply[]> {
  // A full stop after a command (voice input adds one: 「我的待办。」) is not part of it.
  const typed = (turn.message.text ?? '').replace(/@\S+\s*/g, '').trim()
  const input = typed.replace(/[。．.！!~～\s]+$/, '') || typed
  // (「帮助 巡查」「help 隐患」: the help, whatever follows the word — it was not understood.)
  if (/^(?:帮助|菜单|help)(?:\s+\S{1,10})?$/i.test(input)) return [text(WORDING.help(person.role))]
  // A complaint's result asked for (「回复一下市民」): the answer — 「是」, which one, the result — is read for it first.
  // (Only a unit's handler is ever asked: nobody else's message pays for the read.)
  if (person.role === 'unit_handler' && (await formlessStepOfTurn(turn)) === STEP_REPLY_FOR) {
    const answered = await handleForms(turn, person, turn.forms)
    if (answered) return answered
  }
  if (/^(?:查询|查|查一下|查查|帮我查一?下?|看一下|看看)\s*(TS|YH|XC|DC)/i.test(input) || /^(查询|查)$/.test(input))
    return [text(await describeRecord(turn, input))]
  if (normaliseCode(input) && ASKS_PROGRESS.test(input) && [...input].length <= 40 && !COMMAND_FIRST.test(input))
    return [text(await describeRecord(turn, input))]
  // 「今天情况怎么样」「简报」: the leaders' digest, now, for those who receive it and those who act on it.
  // (A comparison first: 「这个月跟上个月比怎么样」 names this month too.)
  const compared = BRIEFING_ROLES.has(person.role) ? comparisonAskedFor(input) : undefined
  if (compared) {
    const [now, before] = [await describeFigures(turn, compared.now), await describeFigures(turn, compared.before)]
    return meanwhile(turn, text(`${now}\n\n${before}`))
  }
  const figuresPeriod = BRIEFING_ROLES.has(person.role) ? figuresAskedFor(input) : undefined
  if (figuresPeriod) return meanwhile(turn, text(await describeFigures(turn, figuresPeriod)))
  // 「本月有没有发生安全事故」: the accidents recorded in the period (not understood).
  if (asksAccidents(input)) return meanwhile(turn, text(await describeAccidents(turn, input)))
  // 「事故」「今天上午10点 建设路工地 一名工人从脚手架摔下 轻伤 已送医」 from those who record accidents: the accident
  // form, with what was told (neither was understood). (Not while a form asks, nor of one pointed back at.)
  const recordsAccidents = FORMS.accident.roles.includes(person.role as never)
  if (asksHowAccidentRecorded(input))
    return [text(recordsAccidents ? WORDING.accidentHowRecorded : WORDING.accidentToldByStaff)]
  const accident = accidentTold(input)
  // (Not a patrol that met with it: 「巡查时发现一名老人摔倒受伤 已拨打120」 is the patrol's record.)
  const freeToStart =
    accident !== undefined &&
    !normaliseCode(input) &&
    !/那个|这个|那起|这起|巡/.test(input) &&
    intentOf(input) !== 'patrol' &&
    !(await formOpenFor(turn))
  // Those who do not record accidents are told whom to tell (「…工人从脚手架摔下」 had been answered with where a
  // patrol's handling is written).
  if (freeToStart && !recordsAccidents) return [text(WORDING.accidentToldByStaff)]
  if (freeToStart) {
    const started = await formsWith(turn, person, `登记事故 ${accident}`.trim())
    if (started) return started
  }
  // 「有个市民打电话说人民路井盖丢了 帮我登记一下」: a call passed on — a complaint filed for the caller (it had started
  // a hazard report).
  const calledIn = phoneInTold(input)
  if (calledIn && !normaliseCode(input) && !(await formOpenFor(turn)))
    return fileComplaintByPhone(turn, person.role, calledIn)
  // 「有燃气泄漏的报告吗」: whether such a danger is on the ledger (it opened a major hazard report).
  // 「最近有没有燃气方面的问题」: the open items of that kind (not understood).
  const kindAsked = kindAskedAfter(input)
  if (kindAsked) return meanwhile(turn, text(await describeKindOpen(turn, kindAsked)))
  // 「人民路有几个隐患」: the records at that place.
  const placeCounted = placeCountedAfter(input)
  if (placeCounted) {
    const named = { place: placeCounted.place }
    const answer =
      placeCounted.of === 'complaints'
        ? await describeComplaintsNamed(turn, named)
        : await describeHazardsNamed(turn, named)
    return meanwhile(turn, text(answer))
  }
  const dangerAsked = dangerAskedAfter(input)
  if (dangerAsked) return meanwhile(turn, text(await describeDangerReported(turn, dangerAsked)))
  // 「待验收的有哪些」: those waiting for their check (a leader had been told none was open).
  if (asksAwaitingCheck(input)) return meanwhile(turn, text(await describeAwaitingCheckAsked(turn, actor, input)))
  if (asksOpenItems(input)) return meanwhile(turn, text(await describeOpen(turn, actor, input)))
  if (asksOpenMajors(input)) return meanwhile(turn, text(await describeOpenMajors(turn)))
  if (asksListedHazards(input)) return meanwhile(turn, text(await describeListedHazards(turn)))
  const scores = BRIEFING_ROLES.has(person.role) ? scoresAskedFor(input) : undefined
  if (scores)
    return meanwhile(turn, text(await answerLedgerQuestion(turn, person, actor, input, { kind: 'scores', ...scores })))
  if (BRIEFING.test(input) && BRIEFING_ROLES.has(person.role)) {
    const digest = renderDigest(await gatherDigest(turn.ctx))
    // Asked during the day, today so far comes first: the digest is yesterday's.
    const markdown = /昨/.test(input) ? digest : `${await describeTodaySoFar(turn.ctx)}\n\n${digest}`
    // 「把今天的情况发到群里」: the groups get their summary on their own schedule; this one is to forward.
    const toGroup = /群/.test(input) ? `${WORDING.briefingForGroup}\n\n` : ''
    return [{ message: { type: 'markdown', markdown: `${toGroup}${markdown}` } }]
  }
  // 「上个月的月报」「周报」: the statutory forms live on the console's reports page (drafted, signed, filed there).
  if (ASKS_REPORT_FORM.test(input) || (namesReport(input) && ASKS_WHERE.test(input) && [...input].length <= 20))
    return [text(WORDING.reportsWhere)]
  // 「导出本月隐患台账」「把台账发给我」: the ledgers are exported from the console.
  // (「帮我把这个月的投诉导出来」: the records named by their kind, exported, are the ledger — it was not understood.)
  if (
    ASKS_EXPORT.test(input) &&
    (/台账|清单|记录|明细|数据/.test(input) ||
      (/导出|下载|打印|excel|Excel/.test(input) && /投诉|隐患|巡查/.test(input))) &&
    [...input].length <= 24
  )
    return meanwhile(turn, text(WORDING.ledgerExportWhere))
  // 「今天谁值班」「明天我值班吗」: the roster for that day.
  // (「今天我值班 有啥要我做的吗」 says so, and asks what there is to do: the to-do below.)
  const duty =
    SAYS_ON_DUTY.test(input) && asksWhatToDo(input.replace(SAYS_ON_DUTY, '')) ? undefined : dutyAskedFor(input)
  if (duty) return meanwhile(turn, text(await describeDuty(turn, duty, person.id)))
  // 「现在几点了」「今天几号」: the date and time where the bureau is (it was not understood).
  if (TIME_ASKED.test(input)) return meanwhile(turn, text(WORDING.timeNow(turn.ctx.clock.now(), turn.ctx.timeZone)))
  // 「把周报交了吧」「帮我提交一下月报」: 上报 asked for in words (it was answered with when the report is due).
  const submitted = SUBMIT_IN_WORDS.exec(input)
  const submittedKind = submitted?.slice(1).find(Boolean)
  if (submittedKind) return submitTyped(turn, person, submittedKind, false)
  // 「月报什么时候交」「下周一要交周报吗」: when it is due, and whether the person's unit owes it.
  const reportAsked = reportDueAskedFor(input)
  if (reportAsked) {
    const overseeing = BRIEFING_ROLES.has(person.role)
    // 「上个月哪几个单位没交月报」 from someone overseeing asks about every unit, not their own.
    const acrossUnits = overseeing && /哪(?:些|几个?|个|家)(?:单位|部门)?|各(?:个)?单位|所有单位|谁/.test(input)
    // 「我们单位月报交了吗」 asks about their own unit only, whoever asks (a unit's leader had been shown every unit).
    const ownUnit = OWN_UNIT.test(input)
    return meanwhile(
      turn,
      text(await describeReportDue(turn, reportAsked, acrossUnits ? null : actor.unitId, overseeing && !ownUnit)),
    )
  }
  // 「我们单位报表交了吗」「报表什么时候交」: every report the unit owes, each with where it stands (the second was not
  // understood); with no unit of one's own, who owes which and when.
  const reportsAsked =
    /报表/.test(input) &&
    ((OWN_UNIT.test(input) && ASKS_FILED_ANY.test(input)) || ASKS_WHEN_ANY_REPORT.test(input)) &&
    [...input].length <= 30
  if (reportsAsked && actor.unitId === null) return meanwhile(turn, text(whoOwesEachReport()))
  if (reportsAsked && actor.unitId !== null) {
    const unitId = actor.unitId
    const each = await Promise.all(
      (['weekly', 'monthly', 'quarterly', 'campaign'] as const).map((kind) => describeReportDue(turn, kind, unitId)),
    )
    const owed = each.filter((answer) => !/^\S+不需要上报/.test(answer))
    return meanwhile(turn, text(owed.length > 0 ? owed.join('\n\n') : WORDING.noReportsOwed))
  }
  const todo = /^(?:我的待办|待办|待办事项)\s*(?:第?\s*(\d{1,3})\s*页?)?$/.exec(input)
  if (todo) return [text(await listTodos(turn, actor, Number(todo[1] ?? 1)))]
  // 「李娜手上有多少事」: a colleague's to-do, by name (it was not understood).
  const colleague = colleagueAskedAfter(input)
  const colleagueTodo = colleague ? await describeColleagueTodo(turn, person, colleague) : undefined
  if (colleagueTodo) return [text(colleagueTodo)]
  // 「我今天值班，有什么要处理的」: who is asking says nothing more than the question after it.
  // (「今天有什么事」 from someone who is not briefed on the city: their own to-do is what there is.)
  if (asksWhatToDo(input.replace(SAYS_ON_DUTY, '')) || (WHATS_ON.test(input) && !BRIEFING_ROLES.has(person.role)))
    return [text(await todoOrOpenItems(turn, person, actor))]
  const written = /^提交(处置报告|巡查报告)\s*(.*)$/.exec(input)
  if (written)
    return submitWrittenReport(turn, actor, written[1] === '处置报告' ? 'emergency' : 'team', written[2] ?? '')
  const report = /^(确认)?上报(周报|月报|季报|通报|统计表)/.exec(input)
  if (report) return submitTyped(turn, person, report[2] as string, report[1] !== undefined)
  if (/^(?:确认)?签字/.test(input)) return signTyped(turn, person, normaliseCode(input))
  // 「帮我签一下字」「周报签字」: the same, in words; a report named is the only kind signed.
  if (SIGN_REQUEST.test(input))
    return signTyped(
      turn,
      person,
      normaliseCode(input),
      /督查/.test(input) ? 'supervision' : DAILY_RECORD.test(input) ? 'daily' : reportKindNamed(input),
    )
  // 「作废 XC… 原因」, or the number first (「XC… 作废，时间填错了」).
  const voiding =
    /^作废\s*(XC\s*\d{8}\s*-?\s*\d+)\s*[，,：:\s]*([\s\S]*)$/i.exec(input) ??
    /^(XC\s*\d{8}\s*-?\s*\d+)\s*(?:要|请|申请)?作废(?:掉|一下)?\s*[，,：:\s]*([\s\S]*)$/i.exec(input)
  if (voiding) return [text(await voidPatrol(turn, actor, voiding[1] ?? '', voiding[2] ?? ''))]
  const narrative = NARRATIVE_COMMAND.exec(input)
  if (narrative) return [text(await editNarrative(turn, actor, narrative))]
  if (/^(?:确认)?收到报表/.test(input)) return receiveTyped(turn, person)
  // (「升级提醒确认」「收到升级提醒」: the same, said of the reminder — it was not understood.)
  if (
    /^确认收到|^(?:升级)?提醒(?:已)?(?:确认|收到)(?:了)?$|^升级(?:提醒)?(?:已)?(?:确认|收到)(?:了)?$|^(?:已)?(?:收到|确认)(?:了)?(?:升级)?提醒$/.test(
      input,
    )
  )
    return acknowledge(turn, actor, undefined, normaliseCode(input))
  if (asksToSignAll(input)) return signAllWaiting(turn, actor)
  const bare = URGE_ALONE.test(input) ? '催办' : DISPATCH_WITHOUT_CODE.test(input) ? '派单' : BARE_VERB.exec(input)?.[1]
  if (bare) return bareVerb(turn, actor, bare)
  // 「把超期的单位通报一下」: those overseeing urge every unit with something late (it opened a hazard form).
  if (urgesLateUnits(input)) {
    if (!BRIEFING_ROLES.has(person.role)) return [text(WORDING.urgeForOverseers)]
    return [text(await urgeEveryLateUnit(turn, `${ROLE_LABELS[person.role]}${person.name}`))]
  }
  // 「督办一下TS…」「TS… 催一下」: those overseeing urge one complaint on (it was kept as a note, or not understood).
  const urgedCode = urgesComplaint(input) ? normaliseCode(input) : undefined
  if (urgedCode?.startsWith('TS')) {
    if (!BRIEFING_ROLES.has(person.role)) return [text(WORDING.urgeForOverseers)]
    return [text(await urgeNamedComplaint(turn, actor, urgedCode, `${ROLE_LABELS[person.role]}${person.name}`))]
  }
  // 「YH… 督办一下」: one hazard urged on (it was not understood); 「人民路路灯那个催一下」 by its place or thing.
  const urgedHazard = urgesHazard(input) ? normaliseCode(input) : undefined
  const urgedName = urgedHazard ? undefined : urgedByName(input)
  if (urgedHazard?.startsWith('YH') || urgedName) {
    if (!BRIEFING_ROLES.has(person.role)) return [text(WORDING.urgeForOverseers)]
    const urgedBy = `${ROLE_LABELS[person.role]}${person.name}`
    return [
      text(
        urgedName
          ? await urgeRecordNamed(turn, actor, urgedName, urgedBy)
          : await urgeNamedHazard(turn, actor, urgedHazard as string, urgedBy),
      ),
    ]
  }
  if (isComplaintCommand(input)) return handleComplaintCommand(turn, actor, input)
  // 「收到 TS…」「这个投诉不是我们的 是燃气公司的 TS…」: the number said last, read as if said first.
  const movedComplaint = codeMovedFirst('TS', input)
  const inWords = complaintCommandInWords(input) ?? (movedComplaint && complaintCommandInWords(movedComplaint))
  if (inWords) return handleComplaintCommand(turn, actor, inWords)
  // 「建设路燃气漏气那个投诉派给燃气办」: the complaint named by its place or thing.
  const complaintByName = await complaintCommandByName(turn, input)
  if (complaintByName && 'replies' in complaintByName) return complaintByName.replies
  if (complaintByName) return handleComplaintCommand(turn, actor, complaintByName.command)
  // 「这个投诉转给燃气办」: the one in hand, unnamed.
  const handedUnnamed = await complaintHandedUnnamed(turn, actor, input)
  if (handedUnnamed) return handedUnnamed
  // 「刚才那个燃气泄漏的 我已经通知燃气公司了」: what the duty officer did about a complaint pointed back at.
  const pointedAt = await progressOnComplaintPointedAt(turn, actor, input)
  if (pointedAt) return pointedAt
  if (isHazardCommand(input)) return handleHazardCommand(turn, actor, input)
  const movedHazard = codeMovedFirst('YH', input)
  const hazardInWords =
    hazardCommandInWords(input, actor.role) ?? (movedHazard && hazardCommandInWords(movedHazard, actor.role))
  if (hazardInWords) {
    // 「把YH… 交办给市政」「YH… 交给道管处」 of one not yet assigned: the assignment form, started by its command.
    const command = await assignmentWhenUnassigned(turn, hazardInWords)
    if (command.startsWith('交办')) {
      const started = await formsWith(turn, person, command)
      if (started) return started
    }
    return handleHazardCommand(turn, actor, command)
  }
  // 「人民路井盖那个延期到下个月15号 材料没到」「塔吊那个收到」: the hazard named by its place or thing.
  const byName = await hazardCommandByName(turn, actor, input)
  if (byName && 'replies' in byName) return byName.replies
  if (byName) return handleHazardCommand(turn, actor, byName.command)
  // 「已通知燃气公司到场抢修」「这个重大隐患交给燃气办处理」: the one hazard these can be about, without its number —
  // never while a form is open, whose answer the same words may be (「已设置围挡但不到位」 to a 督查's problems).
  const aboutMajor =
    speaksOfOneHazard(input) && !(await formOpenFor(turn)) ? await majorInWords(turn, actor, input) : undefined
  if (aboutMajor && 'replies' in aboutMajor) return aboutMajor.replies
  if (aboutMajor?.command.startsWith('处置')) return handleHazardCommand(turn, actor, aboutMajor.command)
  if (aboutMajor) {
    const started = await formsWith(turn, person, aboutMajor.command)
    if (started) return started
  }
  const accepting = acceptCommandCode(input)
  if (accepting) return acceptHazardByCode(turn, actor, accepting)
  if (isProblemCommand(input)) return handleProblemCommand(turn, actor, input)
  // 「如果遇到燃气泄漏应该怎么处理」「重大隐患的标准是什么」: about the work itself, never a report.
  // 「井盖归谁管」「这个井盖是不是归我们管」: who answers for a kind of thing — asked, never reported.
  if (asksWhoIsResponsible(input)) return meanwhile(turn, text(await describeResponsibility(turn, input)))
  const faq = staffFaqAsked(input)
  // (「拍了照片怎么发」 just after a hazard was reported is for that hazard: the form engine knows which.)
  if (faq && !(faq === 'photo_howto' && asksHowToAddPhoto(input)))
    return meanwhile(turn, text(await describeStaffFaq(turn, faq, input)))
  // 「系统状态」: an administrator's question about the service itself.
  if (person.role === 'admin' && asksSystemStatus(input)) return meanwhile(turn, text(await describeSystemStatus(turn)))
  // 「这个重大隐患我已经接报了」「已接报」: the acknowledgement said in a sentence, without the number.
  if (/接报/.test(input) && [...input].length <= 30 && !normaliseCode(input))
    return (await acknowledgeTheWaitingMajor(turn, actor)) ?? [text(WORDING.noMajorAwaitingAck)]
  // 「收到，马上处理」 from those a major hazard is pushed to, while one waits for its 接报: that 接报.
  if (
    MAJOR_ACKNOWLEDGERS.has(person.role) &&
    (ACKNOWLEDGED.test(input) || /^(?:收到|已收到|知道了|明白)[。！!]*$/.test(input)) &&
    !(await formOpenFor(turn))
  ) {
    const acknowledged = await acknowledgeTheWaitingMajor(turn, actor)
    if (acknowledged) return acknowledged
  }
  // 「投诉的那个市民电话多少」: how to reach the citizen who asked to be called back.
  if (asksCitizenContact(input)) return meanwhile(turn, await describeCitizenContact(turn, actor, input))
  // 「投诉及时率多少」 asked while a form waits: the question is answered and the form left as it was (it had been
  // taken for the answer — the place of the hazard being filed).
  // (At the summary, the draft is saved or dropped first: that question has its own answer, in the engine.)
  const askedMeanwhile = isQuestion(input) && !namesDefect(input) ? ledgerQuestionIn(input) : undefined
  const waiting = askedMeanwhile ? await formStepOpenFor(turn) : undefined
  if (askedMeanwhile && waiting && waiting.step !== 'confirm')
    return meanwhile(turn, text(await answerLedgerQuestion(turn, person, actor, input, askedMeanwhile)))
  // 「让李娜去处理一下人民路那个井盖」: work handed to a colleague named — the unit arranges it, and the colleague
  // sees the unit's items in 我的待办 (it opened a hazard form with the words as its description).
  const delegatedTo = DELEGATES.exec(input)?.[1]
  if (delegatedTo && (await unitOfPersonNamed(turn, delegatedTo)) && !(await formStepOpenFor(turn)))
    return [text(WORDING.delegatedInUnit(delegatedTo))]
  // 「芙蓉路塌陷那个收到」: the hazard handed to the unit, named — taken on before its words (a collapse) could open a
  // report of their own (they had).
  if (
    person.role === 'unit_handler' &&
    takesOnHazard(input) &&
    namesARecord(input) &&
    !normaliseCode(input) &&
    !(await formStepOpenFor(turn))
  ) {
    const taken = await acceptHandedHazard(turn, actor, input, true)
    if (taken) return taken
    // 「塌陷那个收到」 pointing at one neither waiting nor underway in the unit (acceptHandedHazard looked at both):
    // said so — never a new report of its words (a major hazard form had opened).
    if (/那个|这个|那处|这处|那件|这件/.test(input) && [...input].length <= 20)
      return [text(WORDING.nothingWaitingToTakeUp)]
  }
  // 「今天巡查的记录有问题 张伟报的人数不对」: someone else's record said wrong — whose, and how it is put right.
  const recordWrong = patrolRecordSaidWrong(input)
  if (recordWrong && !(await formStepOpenFor(turn)))
    return [text(await describePatrolRecordWrong(turn, person.role, recordWrong))]
  const inForm = await handleForms(turn, person, turn.forms)
  if (inForm) return inForm
  // 「收到，马上安排人去处理」 from a unit handler: the hazard handed to their unit is taken on. (「收到」 alone too, when
  // a hazard waits: with a complaint waiting as well, which is meant is asked.)
  if ((takesOnHazard(input) && !reportsWithWhatWasDone(input)) || saysReceivedAlone(input)) {
    const taken = await acceptHandedHazard(turn, actor, input)
    if (taken) return taken
  }
  // 「人民路那个路灯的投诉签收一下」「已经派人去建设路了」: a complaint in hand, said without its number.
  // 「人民路66号路灯那个跟之前那个是重复的」: the 重复 command to send, with the numbers.
  const duplicate = await duplicateInWords(turn, actor, input)
  if (duplicate) return duplicate
  const complaintReply = await complaintInHand(turn, actor, input)
  if (complaintReply) return complaintReply
  // 「？」 with no form open: what can be done (inside a form it asks the open question again).
  if (/^[?？]+$/.test(input)) return [text(WORDING.help(person.role))]
  // A record's number alone (no command was waiting for it): where that record stands.
  if (BARE_CODE.test(input)) return [text(await describeRecord(turn, input))]
  // 「帮我催一下市政建设总公司」: those overseeing urge a unit on; its handlers get a reminder of what is open.
  const urged = urgeAskedFor(input)
  const urgedUnit = urged ? await unitNamedIn(turn, urged) : undefined
  if (urgedUnit) {
    if (!BRIEFING_ROLES.has(person.role)) return [text(WORDING.urgeForOverseers)]
    return [text(await urgeNamedUnit(turn, urgedUnit, `${ROLE_LABELS[person.role]}${person.name}`))]
  }
  // 「帮我催一下李娜」: a handler named by name — their unit's open items urged, as for the unit.
  const urgedPersonUnit = urged ? await unitOfPersonNamed(turn, urged) : undefined
  if (urgedPersonUnit) {
    if (!BRIEFING_ROLES.has(person.role)) return [text(WORDING.urgeForOverseers)]
    return [text(await urgeNamedUnit(turn, urgedPersonUnit, `${ROLE_LABELS[person.role]}${person.name}`))]
  }
  // 「李娜最近处理了几个投诉」: one person's steps in a period, from the ledger's events (it was not understood).
  const personWork = personWorkAsked(input)
  const workDone = personWork
    ? await describePersonWork(turn, actor, BRIEFING_ROLES.has(person.role), personWork)
    : undefined
  if (workDone) return [text(workDone)]
  const ledger = ledgerQuestionIn(input)
  if (ledger) return [text(await answerLedgerQuestion(turn, person, actor, input, ledger))]
  // 「TS… 市民电话打不通」: words about a complaint in hand, kept on its history.
  const noted = await noteOnComplaintInHand(turn, actor, input)
  if (noted) return noted
  // 「市民电话打不通」「现场没找到这个井盖」 without the number: the same, on the one complaint it can be.
  const progress = await complaintProgressInWords(turn, actor, input)
  if (progress && 'replies' in progress) return progress.replies
  // (「申请延期 井盖那个 材料没到」: more time asked for that one — the 延期 command's answer, which says who gives it.)
  const extension =
    progress && 'code' in progress && /^(?:我们|我)?(?:申请|请求|需要)?(?:延期|延长|宽限)/.test(input)
      ? complaintCommandInWords(`${progress.code} ${input}`)
      : undefined
  if (extension) return handleComplaintCommand(turn, actor, extension)
  const notedOnOne = progress ? await noteOnComplaintInHand(turn, actor, `${progress.code} ${input}`) : undefined
  if (notedOnOne) return notedOnOne
  // 「我是哪个单位的」「我的角色是什么」: who the bot takes them for.
  if (ASKS_WHO_I_AM.test(input)) return [text(await describeWhoIAm(turn, person))]
  // 「已派人去了」「收到，马上安排」 from a handler whose unit has nothing waiting: said of a record the bot cannot
  // tell, so the handler is told nothing waits and how to name the one meant (it had been "not understood").
  // (「恒大工地塔吊没有备案 已经下了停工通知」 is something found, with the notice served on it: a report.)
  if (
    person.role === 'unit_handler' &&
    (takesUpComplaint(input) || takesOnHazard(input)) &&
    !reportsWithWhatWasDone(input)
  ) {
    // 「好的 收到」 after the 签收 says nothing of the handling: acknowledged, not put on the history as progress.
    if (saysReceivedAlone(input)) return [text(WORDING.staffAcknowledged)]
    // (A plan for the one complaint signed for is its 办理进展.)
    const progress = await progressOnSignedComplaint(turn, actor, input)
    return progress ?? (await hazardUnderwayNamed(turn, actor, input)) ?? [text(WORDING.nothingWaitingToTakeUp)]
  }
  // 「处理完了」「我已经打电话给施工单位了」 from the duty officer or a supervisor, naming no record: which one is asked,
  // and how it is kept (it was not understood). (One the words point at was noted above.)
  if (DISPATCHING.has(person.role) && OVERSEER_DID.test(input) && !normaliseCode(input) && !isQuestion(input))
    return [text(WORDING.overseerDidWhich)]
  // 「TS…0009 已经通知施工单位了」 with a number no record has: not found, rather than not understood.
  const missing = await codeNamedButMissing(turn.ctx.db, input)
  if (missing) return [text(WORDING.recordNotFound(missing))]
  return [text(plainReply(input, person.role))]
}

const ASKS_WHO_I_AM =
  /^(?:请问)?我(?:是|属于)(?:哪个|什么|哪)(?:单位|部门|角色|身份)(?:的)?[？?。]*$|^我(?:的)?(?:单位|部门|角色|身份|权限)是(?:什么|哪个|啥)?[？?。]*$|^我(?:在|是)(?:系统里)?(?:是)?(?:什么|啥)(?:角色|身份)[？?。]*$/

async function describeWhoIAm(turn: Turn, person: PersonRow): Promise<string> {
  const unit = person.unitId === null ? undefined : await unitName(turn.ctx, person.unitId)
  return `您是${unit ? `${unit}的` : ''}${ROLE_LABELS[person.role]}${person.name}。如有不对，请联系管理员调整。`
}

/**
 * An answer given while a form is open (「今天谁值班」 between two questions of the patrol form): the form is
 * still waiting, and the person is told so — its open question is answered next.
 */
async function meanwhile(turn: Turn, reply: Reply): Promise<Reply[]> {
  const form = await formOpenFor(turn)
  const title = form ? FORMS[form as FormId]?.title : undefined
  return title ? [reply, text(WORDING.formStillOpen(title))] : [reply]
}

/** The form this person has open, if any. */
/** A form started as if these words had been typed (a command read from other words, or a card's button). */
function formsWith(turn: Turn, person: PersonRow, words: string) {
  return handleForms({ ...turn, message: { ...turn.message, kind: 'text', text: words } }, person, turn.forms)
}

async function formOpenFor(turn: Turn) {
  return (await formStepOpenFor(turn))?.form
}

/** The form this person has open and the step it waits on, if any. */
/** Whose conversation this message belongs to. */
function sessionKeyOf(turn: Turn) {
  const { message } = turn
  return { channel: message.channel, botId: message.botId, senderExternalId: message.sender.externalId }
}

async function formlessStepOfTurn(turn: Turn) {
  return formlessStepOf(turn.ctx.db, sessionKeyOf(turn), turn.ctx.clock.now())
}

async function formStepOpenFor(turn: Turn) {
  return openFormStepOf(turn.ctx.db, sessionKeyOf(turn), turn.ctx.clock.now())
}

/** 「扣2分」「打个分」「加5分」: points given by someone, not asked after. */
const SCORES_GIVEN = /(?:扣|减|加)(?:他们|它)?\s*[0-9一二两三四五六七八九十]+(?:\.5)?\s*分|打(?:个|一下)?分|评(?:个)?分/
/** 「报表的数据不对」「周报里的巡查次数有误」: a report's figures said to be wrong. */
const REPORT_FIGURES_WRONG =
  /(?:周报|月报|季报|通报|统计表|报表)(?:表)?(?:里|中|上|里面)?(?:的|面的)?[^，。,]{0,10}?(?:数据|数字|次数|数量|人次|车次|台次|件数|个数|统计|合计|总数)?[^，。,]{0,4}?(?:不对|对不上|有误|错了|不准|不一致|有问题)/
/** 「让李娜去处理一下…」「安排王五跟进」: someone named is to do it. */
const DELEGATES =
  /^(?:请|麻烦)?(?:让|叫|安排|派)([\u4e00-\u9fa5]{2,3}?)(?:去|来|马上|尽快|赶紧)*(?:处理|办理|跟进|看看|看一下|整改|修|弄|负责)/
/** Those who patrol nothing themselves: a quiet day said by them is a report of the shift, not a patrol put off. */
const QUIET_ROLES: ReadonlySet<string> = new Set(['duty_officer', 'leader', 'unit_leader', 'admin'])
/** 「还要去建设路看看」「明天准备去巡查」「等下再去转一圈」: going to patrol, not gone. */
const PATROL_TO_COME =
  /(?:还要|还得|要去|准备|打算|计划|等下|等会儿?|待会儿?|一会儿?)(?:再)?(?:去)?[^，。,！!？?]{0,10}?(?:巡查|巡一下|巡一巡|看看|看一下|看一看|转转|转一下|转一圈)(?!了|过)/
/** 「处理完了」「已处理」「搞定了」「我已经打电话给施工单位了」: something done, about no record said. */
const OVERSEER_DID =
  /^(?:我|我们)?(?:这边)?(?:已经?|都)?(?:处理|处置|办|弄|搞)(?:完|好|妥)(?:了|啦|毕)?[。！!\s]*$|^(?:已|已经)(?:处理|处置|办结|办理)(?:了|完毕|完成|好了)?[。！!\s]*$|^搞定了?[。！!\s]*$|^(?:我|我们)?(?:已经?|已)(?:打电话|电话)?(?:通知|联系|告知|转告|派人|安排|打电话|打了电话)(?:给)?[\u4e00-\u9fa5]{0,12}(?:了)?[。！!\s]*$/
/** 「今天没什么事 一切正常」「值班期间平安无事」: nothing to report. */
const ALL_QUIET =
  /^(?:今天|今日|今晚|昨晚|夜里|值班期间|目前|现在|这边)?[，,\s]*(?:都|一切)?(?:没什么事|没啥事|没有什么事|没事|无事|平安无事|一切正常|一切平安|正常|无异常|没有异常|没异常|平稳)(?:情况)?[，,。！!\s]*(?:(?:一切|都|全部)?(?:正常|平安|平稳|无异常|没有异常|良好))?[。！!~～\s]*$/
const STAFF_PRAISE =
  /^(?:表扬|点赞|给.{1,10}点个?赞|干得(?:不错|好|漂亮)|做得(?:不错|好)|很好|不错|辛苦(?:了|大家了)|大家辛苦)/
/** 「这是」「照片上是」 before a caption: the words that follow say what the photo shows. */
const CAPTION_LEAD = /^(?:这|这个|这张|这里|照片|图片|图上|上面|照片上|图片上)(?:里)?(?:就)?是/
/** 「看看这个」「你看一下」「如图」: a photo pointed at, with nothing said of what it shows. */
const POINTS_AT_PHOTO =
  /^(?:你们?|领导)?(?:看看|看一下|看下|瞧瞧)(?:这个|这张|这里|照片|图片)?(?:吧|啊|哈)?[。！!~～]*$|^(?:如图|见图|见照片|如照片)(?:所示)?[。！!]*$/

/** What a message that is no command, no form and no question the bot can answer gets: never silence. */
function plainReply(input: string, role: PersonRow['role']): string {
  // 「表扬一下市政，井盖修得很快」「干得不错」: praise, taken kindly like thanks.
  // (A laugh — 「哈哈」 — is taken the same way.)
  if (
    isCourtesy(input) ||
    (STAFF_PRAISE.test(input) && !isQuestion(input)) ||
    /^(?:[哈呵嘿嘻]{2,}|😄|😂|🤣)+[!！~～。]*$/u.test(input)
  )
    return WORDING.staffCourtesy
  // 「确认」 with nothing being filled in (the form was cancelled, saved already, or left too long): nothing is saved
  // by it, and the person must know that rather than believe it was.
  if (/^(?:确认|确定|确认无误|保存|提交|确认保存|确认提交)[。！!]*$/.test(input)) return WORDING.nothingToConfirm
  // 「通知所有单位明天开会」: a message to everyone is the group chat's, not this assistant's.
  if (BROADCAST.test(input)) return WORDING.broadcastNotHere
  // 「这个不归我们管，应该是自来水公司的」: a unit refusing an item is told how it is moved to the right one.
  // 「能不能把隐患转给别的单位」: asked before it happens, the same answer.
  if (NOT_OURS.test(input) || HAND_ON_ASKED.test(input))
    return SUPERVISING.has(role) ? WORDING.notOursForSupervisor : WORDING.notOurs
  // 「今天没什么事 一切正常」 from someone on duty or overseeing: noted (they patrol nothing, so it is no patrol put off).
  if (QUIET_ROLES.has(role) && ALL_QUIET.test(input) && !namesDefect(input)) return WORDING.quietNoted
  // 「质安处扣2分 台账不全」「给质安处打个分」: a finding for the assessment is recorded on the console's 考核 page.
  if (SCORES_GIVEN.test(input) && !isQuestion(input)) return WORDING.assessmentFindingWhere
  // 「月报表里的数据对不上」「周报里的巡查次数不对 应该是12次」: the figures come from the ledgers — where to put them right.
  if (REPORT_FIGURES_WRONG.test(input)) return WORDING.reportFiguresWrong
  // 「李娜今天请假 巡查由王五代替」: whoever goes records it.
  if (saysWhoPatrolsInstead(input)) return WORDING.patrolSubstitute
  // 「今天的巡查我让小王帮我报」: one record for the patrol, by whoever files it.
  if (saysFiledByOther(input)) return WORDING.patrolFiledByOther
  // 「巡查任务推迟到明天」 puts off a patrol, not a rectification deadline.
  if (saysNoPatrolYet(input)) return saysRecordLater(input) ? WORDING.patrolRecordLater : WORDING.patrolNotYet
  // 「今天下午还要去建设路看看」「明天准备去朗州路巡查」: a patrol still to make — recorded when it is done (it was not
  // understood).
  if (role === 'field_staff' && PATROL_TO_COME.test(input) && !isQuestion(input) && !namesDefect(input))
    return WORDING.patrolNotYet
  // 「今天没什么事 一切正常」 from those who patrol may be a patrol that found nothing: that is recorded too, and how
  // is said.
  if (ALL_QUIET.test(input) && !namesDefect(input)) return WORDING.quietPatrolRecorded
  // 「整改期限能不能延长几天」: deadlines are set when the supervising office hands the hazard over.
  // 「YH… 需要协调，暂时无法整改」: the same — more time, or another unit, is the supervising office's to give.
  // 「这个投诉能不能延期一天」: a complaint's 1-day limit, not a rectification deadline.
  if ((ASKS_EXTENSION.test(input) || CANNOT_RECTIFY.test(input)) && /投诉|工单|举报/.test(input))
    return SUPERVISING.has(role) ? WORDING.complaintExtensionForSupervisor : WORDING.complaintExtensionHow
  if (ASKS_EXTENSION.test(input) || CANNOT_RECTIFY.test(input))
    return SUPERVISING.has(role) ? WORDING.extensionForSupervisor : WORDING.extensionHow
  // 「收到，已安排人员处理」「正在整改中」 with nothing waiting to be taken on: noted kindly.
  if (ACKNOWLEDGED.test(input) || takesOnHazard(input)) return WORDING.staffAcknowledged
  // 「已设置围挡」「已下发整改通知 人民路工地」 with nothing being filled in: what was done on site belongs with the
  // record of what was found — where it is written is said (it was not understood).
  if (
    (role === 'field_staff' || role === 'unit_handler') &&
    handlingIn(input) &&
    !namesDefect(input) &&
    [...input].length <= 40
  )
    return role === 'unit_handler' ? WORDING.handlingAloneForUnit : WORDING.handlingAlone
  // 「给市政发个整改通知」: the supervising office's notice goes out with its supervision record (附件5's 整改要求).
  // (「已下发整改通知」 from them: the notice given, which the same record keeps.)
  if (NOTICE_TO_SEND.test(input) && RECORDING_ROLES.supervision.includes(role) && !namesDefect(input))
    return WORDING.rectificationNoticeHow
  // 「今天去了3个工地督查」: the supervising office's own record has its form.
  if (/督查/.test(input) && RECORDING_ROLES.supervision.includes(role) && !isQuestion(input))
    return WORDING.supervisionHint
  if (isGreeting(input)) return WORDING.staffGreeting
  // 「发错了」「不好意思 发错群了」: nothing to do, and where to look if something was saved by mistake.
  if (MISSENT_IN_FORM.test(input)) return WORDING.staffMissent
  // 「你是谁」「你是机器人吗」: who answers here.
  if (/^(?:你是谁|你是(?:机器人|人工|真人|ai|AI)吗?|你叫什么|这是什么)[？?。！!]*$/.test(input))
    return WORDING.staffWhoAmI
  // 「人民路」「井盖」 alone: where or what, without what happened — asked for, with an example of each report.
  const place = placeAlone(input)
  if (place) return WORDING.staffPlaceAlone(place)
  if (namesAThingAlone(input)) return WORDING.staffThingAlone(input)
  // 「人民路的井盖」「这是人民路的井盖」 (a caption after a photo): where and what, without what is wrong with it.
  const captioned = input.replace(CAPTION_LEAD, '').replace(/[。！!？?]+$/, '')
  const thingAt = placeAlone(captioned.replace(WATCHED_THING, '').replace(/(?:那个|这个|那|这|的)+$/, ''))
  if (thingAt && WATCHED_THING.test(captioned) && !namesDefect(input) && [...input].length <= 20)
    return WORDING.staffPlaceThingAlone(captioned)
  // 「看看这个」「你看下」「如图」 with a photo: what it shows is still to be said.
  if (POINTS_AT_PHOTO.test(input)) return WORDING.photoNeedsWords
  // 「缺失」「坏了」 alone: what is wrong, without what or where.
  if ([...input].length <= 6 && namesDefect(input) && !WATCHED_THING.test(input) && !findPlace(input))
    return WORDING.staffDefectAlone(input.replace(/[。！!？?]+$/, ''))
  // 「照片」「拍照」 alone: how a photo is sent.
  if (/^(?:照片|图片|相片|拍照|发照片|传照片|上传照片)$/.test(input)) return WORDING.photoHowTo
  if (asksHow(input) && /照片|拍照|图片|相片|视频/.test(input)) return WORDING.photoHowTo
  if (asksHow(input) || ASKS_CAPABILITIES.test(input)) return WORDING.help(role)
  return isQuestion(input) ? WORDING.staffQuestion : WORDING.notUnderstood
}

/**
 * 「收到，已安排人员处理」「好的，马上去看」: an acknowledgement with a word on what comes next (a reminder or an
 * escalation answered), naming no record — noted kindly, with how to record the result.
 */
/** Those a major hazard is pushed to for its 接报 (services/major-hazards.ts). */
const MAJOR_ACKNOWLEDGERS: ReadonlySet<PersonRow['role']> = new Set(['duty_officer', 'supervisor', 'leader'])
const ACKNOWLEDGED = /^(?:收到|好的|好|明白|知道了|了解|已阅|已收到)(?:了|啦|咯)?[，,。.！!\s]+[^0-9A-Za-z]{1,24}$/

/**
 * 「通知所有单位…」「告诉大家…」「发个通知给各单位」: a broadcast asked for. (「发个通知提醒他们」 after a list of units
 * too: it was not understood.)
 */
const BROADCAST =
  /^(?:帮我|请|麻烦)?(?:发|下)(?:个|一个|一条|条)?(?:通知|消息)(?:给|提醒|通知|告诉)?(?:一下)?(?:他们|她们|大家|这些单位|这几个单位)|^(?:帮我)?(?:通知|告诉|提醒|转告)(?:一下)?(?:所有|全部|各|全体|大家)|(?:[\s，,。]|^)(?:请|帮我)?(?:通知|提醒|转告)(?:一下)?(?:所有|全部|各|全体|大家)(?:单位|人|部门)?(?:注意|做好|加强)|^(?:发|下)(?:个|一个)?通知(?:给|到)|^(?:帮我)?给[\u4e00-\u9fa5]{1,12}?(?:发|下)(?:个|一个|一条|条)?(?:通知|消息|短信)/

/** 「不归我们管」「不是我们单位的」「应该由自来水公司负责」: the item belongs to another unit. */
const NOT_OURS =
  /不归我们|不归我单位|不是我们(?:单位)?(?:的|管|负责)|不属于(?:我们|我单位|本单位)|不在我们(?:的)?(?:职责|范围)|应该(?:是|归|由)[\u4e00-\u9fa5]{2,10}(?:管|负责|处理|的)|^(?:我要|申请|请求)?(?:退回|退单|退件|打回)(?:去|一下|吧)?[。！!]*$/
/** 「能不能把隐患转给别的单位」「隐患怎么退回」「投诉转错了怎么办」: how an item goes to another unit. */
const HAND_ON_ASKED =
  /(?:能不能|可不可以|可以|能否|怎么|如何|咋)(?:把)?(?:这个)?(?:隐患|投诉|工单|单子)?(?:转(?:给|到|交)?(?!发|账|告|达)|退回|退给|改派|转办)(?:给)?(?:别的|其他|其它|另外的?)?(?:单位|部门)?|(?:隐患|投诉|工单|单子)(?:派|转|交)错了/
/** 「给市政发个整改通知」「下发整改通知书给燃气办」「整改通知怎么发」: a notice to a unit, to be sent. */
const NOTICE_TO_SEND =
  /(?:发|下发|开|出)(?:个|一个|一份|份|张|一张)?整改(?:通知|通知书|通知单|意见书)|整改(?:通知|通知书|通知单)(?:怎么|如何|在哪)(?:发|下发|开)/
/** 「暂时无法整改」「需要协调」: a unit that cannot rectify in time. */
const CANNOT_RECTIFY =
  /(?:处理|办|解决|搞|弄)不了|(?:期限|时限|时间|工期)(?:太|有点|有些|比较|很)?(?:短|紧|赶)了?|来不及|赶不(?:上|及|完)|(?:无法|不能|没法|没办法)(?:按期|按时|马上|立即)?(?:整改|处理|修|弄|搞|干|施工|完成|完工)|(?:整改|修|弄|搞|干)不了|需要协调|协调不了|(?:要|得|需要)等(?:吊车|材料|设备|配件|厂家|天晴|审批|资金|协调)/
/** Those who may move a hazard's deadline or unit themselves (延期, 改派). */
const SUPERVISING: ReadonlySet<string> = new Set(['supervisor', 'admin'])
/** 「整改期限能不能延长几天」「能延期吗」: more time asked for. */
const ASKS_EXTENSION = /(?:延期|延长|宽限|推迟|推后|多给(?:几|一)天|往后(?:推|延))/

/** A command's verb without the number it needs (「签收」「接收」「回复」): 整改 and 验收 wait in the forms. */
/**
 * 「帮我签一下字」「周报签字」「我来签」: 签字 asked for in words (「周报要谁签字」 asks, and is no request). 「周报看了 没问题」
 * approves, which the signature records (it was not understood).
 */
const SIGN_REQUEST = (() => {
  // (「今天的日报签一下」: the day's patrol record, 附件2, is signed by the unit's leader — it was not understood.)
  const named = '(?:周报|月报|季报|通报|统计表|报表|督查记录|日报|日巡查(?:工作)?记录表?|巡查记录表?)'
  const listed = '(?:周报|月报|季报|统计表|报表|督查记录|日报|日巡查(?:工作)?记录表?|巡查记录表?)'
  const when = '(?:这周的?|本周的?|上周的?|本月的?|这个?月的?|上个?月的?|今天的?|昨天的?)'
  const which = '(?:这(?:个|份)?|本(?:周|月|季度)的?|上(?:周|月|季度)的?|今天的?|昨天的?)'
  return new RegExp(
    `^${when}?${listed}(?:我)?(?:看了|看过了|看过|核对了|审核了|审过了)(?:一下)?[，,\\s]*(?:没问题|没有问题|可以|没错|无误|行|同意)(?:了|的)?[。！!]*$` +
      `|^(?:${named}(?:我)?(?:看了|看过了|核对了|审核了)(?:一下)?(?:[，,\\s]*(?:没问题|没有问题|可以|没错|无误|行))?[，,\\s]*(?:可以)?)?(?:帮我|我来|麻烦|请|给)?(?:把)?${which}?${named}?(?:的)?(?:我来|我)?(?:签(?:一下|个)?字|签一下|签了?吧|签署|签名)(?:吧|一下|了)?[。！!]*$` +
      `|^(?:帮我|我来|麻烦|请|我要)?(?:签|签署|签字)(?:一下|下)?${which}?${named}(?:吧)?[。！!]*$`,
  )
})()
/** 「日报」「日巡查记录」: the day's patrol record, which 签字 alone also signs. */
const DAILY_RECORD = /日报|日巡查|巡查记录/
const BARE_VERB =
  /^(签收|受理|回复|答复|转办|重复|转为隐患|核实|接收|接收整改|接报|处置|挂牌|摘牌|定级|派单|督办|催办)[。.！!\s]*$/
/** 「把投诉派给市政」 with no number: 派单 said in words, which needs the complaint's number. */
const DISPATCH_WITHOUT_CODE =
  /^(?:请|帮我|麻烦)?(?:把|将)?(?:这个|这件|该|那个)?(?:投诉)?(?:派给|派到|派单给|分派给)[\u4e00-\u9fa5]{2,12}[。！!]*$/
/** 「催一下」 alone: 催办 said in words, which needs the number as much. */
const URGE_ALONE = /^(?:请|帮我|麻烦)?(?:催一下|催一催|催催|催下|催办一下|督办一下)[。.！!\s]*$/

/**
 * 「签收」 or 「接收」 alone: with one item waiting for the unit, that one; otherwise which number is asked, with
 * where to find it.
 */
/**
 * 「接报」 alone, or 「这个重大隐患我已经接报了」: the one major hazard waiting for acknowledgement; with several, which
 * one is asked. Nothing waiting leaves the message to the usual answers.
 */
async function acknowledgeTheWaitingMajor(turn: Turn, actor: Actor): Promise<Reply[] | undefined> {
  const waiting = await majorsAwaitingAcknowledgement(turn.ctx.db, 6)
  const [only] = waiting
  if (!only) return undefined
  if (waiting.length === 1) return [text(await acknowledgeMajor(turn, actor, only))]
  return [
    text(
      `有 ${waiting.length > 5 ? '5 项以上' : `${waiting.length} 项`}重大隐患等待接报，请回复「接报 编号」：\n${waiting
        .slice(0, 5)
        .map((h) => `· ${h.code} ${maskPersonalInfo(h.description)}`)
        .join('\n')}`,
    ),
  ]
}

async function bareVerb(turn: Turn, actor: Actor, verb: string): Promise<Reply[]> {
  if (verb.startsWith('接收')) {
    const taken = await acceptHandedHazard(turn, actor)
    if (taken) return taken
  }
  if ((verb === '签收' || verb === '受理') && actor.role === 'unit_handler' && actor.unitId !== null) {
    const waiting = await complaintsToSign(turn.ctx.db, actor.unitId, 2)
    const [only] = waiting
    if (only && waiting.length === 1) return handleComplaintCommand(turn, actor, `签收 ${only.code}`)
  }
  if (verb === '接报') {
    const acknowledged = await acknowledgeTheWaitingMajor(turn, actor)
    if (acknowledged) return acknowledged
  }
  // 「派单」 alone: the complaint's number and the unit it goes to, both.
  if (verb === '派单')
    return [
      text(
        '请在「派单」后附上投诉编号和承办单位，例如：派单 TS20261123-0001 燃气办。发送「我的待办」可查看待派单的投诉。',
      ),
    ]
  const prefix = /^(签收|受理|回复|答复|转办|重复|转为隐患|核实|督办|催办)$/.test(verb) ? 'TS' : 'YH'
  return [
    text(`请在「${verb}」后附上编号，例如：${verb} ${prefix}20261123-0001。发送「我的待办」可查看待办事项和编号。`),
  ]
}

/** 「报表交了吗」「报表都报了没有」: whether the reports have been filed. */
const ASKS_FILED_ANY = /交了|报了|上报了|提交了|交没交|报没报|(?:没|还没)(?:交|报|上报|提交)|情况|怎么样/
/** 「报表什么时候交」「要交哪些报表」「报表几号截止」: when the reports are due, none named. */
const ASKS_WHEN_ANY_REPORT = /什么时候|啥时候|几号|哪天|截止|期限|到期|(?:交|报|上报)哪些|哪些报表|要交|要报/

/** 「把周报交了吧」「帮我提交一下月报」「统计表报一下」: a statutory report to be filed, asked for in words. */
const REPORT_PERIOD = '(?:本周|上周|这周|本月|上个?月|这个?月|本季度?|上个?季度|这个?季度)?(?:的)?'
const SUBMIT_IN_WORDS = new RegExp(
  [
    `^(?:请|帮我|麻烦)?(?:帮我)?把${REPORT_PERIOD}(周报|月报|季报|统计表)(?:表)?(?:交|报|上报|提交|报上去|交上去)(?:了|上去)?(?:吧|一下)?[。！!]*$`,
    `^(?:请|帮我|麻烦)(?:帮我)?(?:交|提交|上报)(?:一下)?${REPORT_PERIOD}(周报|月报|季报|统计表)(?:表)?(?:吧)?[。！!]*$`,
    `^(?:帮我)?(?:提交|交)(?:一下)?${REPORT_PERIOD}(周报|月报|季报|统计表)(?:表)?(?:吧)?[。！!]*$`,
    `^${REPORT_PERIOD}(周报|月报|季报|统计表)(?:表)?(?:交|提交|上报|报)(?:一下|吧|了吧)[。！!]*$`,
  ].join('|'),
)

const ASKS_REPORT_FORM =
  /^(?:看看|查看|查一下|发一下|给我)?(?:上个?月|本月|这个?月|上周|本周|这周|上季度|本季度)?的?(?:周报|月报|季报|报表|统计表)(?:表)?(?:呢|在哪|在哪里|在哪儿)?[？?。]*$/

const ASKS_WHERE =
  /哪里|在哪|哪儿|下载|查看|怎么看|怎么找|发给我|发我|给我看|给我发|发一下|发个|发一份|来一份|来个|出一份|出个|做个|做一份|弄个|弄一份|整一份|生成|导出|(?:我|让我)?(?:看一下|看看|瞧瞧|看下)/
/** 「导出」「下载」「打印」「发给我」: a copy of something asked for. */
const ASKS_EXPORT = /导出|下载|打印|发给我|发我|给我发|发一份|来一份|拷贝|excel|Excel|表格/

/** 「有啥要我处理的吗」「我今天有什么任务」: the to-do list, asked in words. */
const ASKS_TODO =
  /^(?:我)?(?:现在|今天|目前)?(?:有没有|有)(?:啥|什么|哪些)?(?:要我|需要我|让我|等我|我要|我需要)(?:处理|办理?|做|整改|签收|验收)的?(?:事情?|任务|活儿?)?(?:吗|没有|么)?[？?。]*$|^(?:我)?(?:现在|今天|目前)?(?:有什么|有啥|有哪些|有没有)(?:任务|待办|活儿?|事要(?:办|做|处理))(?:吗|没有|么)?[？?。]*$|^(?:我的)?任务(?:列表)?$/
/** 「我要签字的有哪些」「有什么要我签字的」「待签字的报表」: what waits for this person's signature, in the to-do. */
const ASKS_TO_SIGN =
  /^(?:我)?(?:现在|今天|目前|还)?(?:有没有|有)?(?:啥|什么|哪些)?(?:要我|需要我|等我|我要|我需要|待|需要)(?:签字|签名|签)的?(?:报表|东西|材料|记录|文件)?(?:有哪些|有什么|有啥|有几个|有没有)?(?:吗|没有|么|呢)?[？?。]*$/
function asksWhatToDo(input: string): boolean {
  return ASKS_TODO.test(input) || ASKS_WHAT_TO_HANDLE.test(input) || ASKS_TO_SIGN.test(input)
}

/** 「我今天值班，」「今天我带班。」: being at work today, said before asking what there is to do. */
const SAYS_ON_DUTY =
  /^(?:我|我们)?(?:今天|今晚|今日|这周|本周)?(?:我|我们)?(?:是)?(?:值班|带班|在岗|上班|当班|值守)(?:员|人员)?(?:了|的)?[，,。！!\s]+/
/** 「今天有什么要处理的」「手上还有哪些事情需要跟进」「今天要处理的有几个」: what is waiting, asked without saying 我. */
const ASKS_WHAT_TO_HANDLE =
  /^(?:我|我们)?(?:今天|现在|目前|手上|手头)?(?:还)?(?:没|没有)(?:什么|啥)(?:事情?|任务|活儿?|工作)(?:要办|要做|要处理)?(?:了)?(?:吧|吗|么)[？?。]*$|^(?:我|我们)?(?:现在|今天|目前|手上|手头)?(?:还)?(?:有什么|有啥|有哪些|有没有)(?:事情?|任务|活儿?|工作)?(?:是)?(?:要|需要|得|待)(?:处理|办理?|做|跟进|办结)的?(?:事情?|任务|活儿?|工作)?(?:吗|没有|么|呢)?[？?。]*$|^(?:我|我们)?(?:今天|现在|目前|手上|手头)?(?:还)?(?:要|需要|得|待)(?:我)?(?:处理|办理?|做|跟进|办结|整改|签收)的(?:事情?|任务|活儿?|工作|投诉|隐患)?(?:有|还有|一共有|总共有)?(?:几个|几件|几项|多少|哪些|什么|啥)(?:个|件|项)?(?:呢|吗|啊)?[？?。]*$/
/** 「今天有什么事」「最近有啥情况吗」: what is going on, which for those not briefed on the city is their to-do. */
const WHATS_ON =
  /^(?:今天|今日|目前|现在|最近|这两天|这几天|近期)?(?:我)?(?:有|有没有)?(?:什么|啥|哪些)(?:新|重要|紧急|要紧)?的?(?:情况|事情?|大事|要事)(?:吗|没有|呢|啊)?[？?。]*$/
/** 「YH…现在到哪一步了」「TS… 进度」: where a record stands, asked after its number. */
const ASKS_PROGRESS =
  /怎么回事|咋回事|(?:怎么|为什么|为啥|咋)(?:还|又)?(?:没|不)(?:有)?(?:通过|合格|过)|验收(?:没|不|未)(?:有)?(?:通过|合格)|为什么(?:还|都)?(?:没|不)|为啥(?:还|都)?(?:没|不)|到哪(?:一步|步|了)|进度|进展|怎么样了?|咋样了?|如何了|什么情况|处理(?:得)?(?:怎么样|如何)|(?:办|处理|整改|修)(?:了|完|好)?没有?|(?:办结|办完|结案|销号|验收|整改|答复|回复|处理|签收)(?:了)?(?:吗|么|没有?)|(?:期限|截止)(?:日期|时间)?(?:是|到)?(?:什么时候|哪天|几号|多久|哪一天)|(?:什么时候|哪天|几号)(?:到期|截止)/
/** 「现在几点了」「今天几号」「今天星期几」: the date or the time, asked. */
const TIME_ASKED =
  /^(?:请问)?(?:现在|今天|今日)?(?:是)?(?:几点(?:钟)?|什么时间|什么时候|几号|几月几号|几月几日|星期几|周几|礼拜几)(?:了)?(?:啊|呀|呢)?[？?。]*$/
/** 「你能干啥」「有什么功能」: what the bot does. */
const ASKS_CAPABILITIES =
  /^(?:你)?(?:能|会|可以)(?:干|做)(?:啥|什么|些什么)|有(?:什么|哪些|啥)功能|^怎么用|^(?:功能|使用说明)$/

/** A command word before the number (「整改 YH… 已修好」): the command, never a question about the record. */
const COMMAND_FIRST =
  /^(?:整改|验收|销号|交办|签收|接收|受理|回复|答复|转办|作废|挂牌|摘牌|定级|接报|处置|核实|重复|催办|督办)/
const BARE_CODE = /^(?:TS|YH|XC|DC)\s*\d{8}\s*[-－—]?\s*\d{1,6}[。.\s]*$/i

const BRIEFING = new RegExp(
  `^(?:${[
    // 「昨天的日报发一下」「日报发我看看」「昨天的日报出来了吗」
    '(?:发个|发一下|发一份|给我|来个|看看|看一下)?(?:今日|今天|昨日|昨天|每日)?的?(?:简报|日报|概况)(?:给我|发给我|发我|发过来|发来|发|看看|来一份)?(?:一下|下|看看)?(?:出来了|出了|有了|好了|生成了)?(?:吗|么|没有?)?',
    '(?:今天|今日|目前|现在|最近)?(?:总体|整体|全市|全局)?(?:情况|进展)(?:怎么样|如何)了?',
    // 「今天全市情况」「全市概况」: the scope said, no question word needed.
    '(?:今天|今日|目前|现在|最近)?(?:的)?(?:全市|全局|总体|整体)(?:的)?(?:情况|概况|进展)',
    // 「今天有什么情况」「最近有啥事吗」
    // 「最近一周有没有什么大事」「今天值班有什么事」
    // 「昨天有什么大事」: yesterday's digest is part of the brief (it was not understood).
    '(?:今天|今日|昨天|昨日|目前|现在|最近|这两天|这几天|近几天|最近一周|这一周|这周|本周|近期)?(?:我)?(?:值班|值班期间)?(?:有|有没有)?(?:什么|啥|哪些)(?:新|重要|紧急|要紧)?的?(?:情况|事情?|问题|大事|要事)(?:吗|没有)?',
    // 「给我汇报一下今天的工作」「把今天的情况发到群里」
    '(?:请|麻烦)?(?:给我|向我|跟我)?(?:汇报|报告|总结)(?:一下|下)?(?:今天|今日)?的?(?:工作|情况|工作情况)?',
    '(?:请|麻烦|帮我)?(?:把)?(?:今天|今日)?的?(?:情况|工作情况|简报|日报|概况)(?:发|转发|推送|推)(?:到|至|给)?(?:群里|群|工作群|大群)(?:一下)?',
    // 「交班」「准备交接班了」: the duty officer hands over — today so far and the digest are what is handed over.
    // 「我接班了」「我今晚值班」: the one taking over hears the same (neither was understood).
    '(?:我)?(?:准备|要|该|可以|已经?)?(?:交班|交接班|交接|接班)(?:了|一下|啦|吧)?',
    '(?:我)?(?:今天|今晚|今日|今天晚上|这周|本周)(?:是)?(?:我)?(?:值班|带班|当班)(?:了|啦)?',
    // 「今天值班有什么要注意的」
    '(?:今天|今日|这两天|今晚|今天夜里|今天晚上|夜里|晚上|明天)?(?:值班)?(?:有|有没有)(?:什么|啥|哪些)?(?:要|需要|值得)?(?:注意|关注)的?(?:事情?|地方)?(?:吗|没有)?',
    // 「今天有没有什么紧急的」: the adjective alone stands for the matter.
    // 「有没有紧急的」「有急事吗」 too, without 什么.
    '(?:今天|今日|目前|现在|最近)?(?:有没有|有无|有)(?:什么|啥)?(?:新|重要|紧急|要紧|重大)的(?:吗|没有|么)?',
    '(?:今天|今日|目前|现在|最近)?(?:有没有|有无|有)(?:什么|啥)?(?:急事|要紧事|紧急的?事情?)(?:吗|没有|么)?',
    // 「有紧急情况吗」「现在有没有新的险情」
    // 「值班期间有没有紧急情况」「我值班的时候有没有险情」: the shift named is today.
    '(?:现在|目前|今天|今日|最近|昨晚|昨天|昨夜|夜里|晚上)?(?:我)?(?:值班|值班期间|值班时|值班的时候|这个班|本班)?(?:有没有|有无|有)(?:什么|啥)?(?:(?:新的?|重要的?|紧急的?|重大的?)(?:情况|事情?|问题|险情|警情)|险情|警情)(?:吗|没有|么)?',
  ].join('|')})[？?。！!]*$`,
)

async function describeRecord(turn: Turn, input: string): Promise<string> {
  const code = normaliseCode(input)
  if (!code) return '请在「查询」后附上编号，例如：查询 YH20261123-0001'
  if (code.startsWith('TS')) {
    const complaint = await findComplaintByCode(turn.ctx.db, code)
    if (!complaint) return WORDING.complaintNotFound(code)
    // Staff read what it is, who has it and by when, besides where it stands.
    const now = turn.ctx.clock.now()
    const unit = complaint.unitId === null ? '待派单' : await unitName(turn.ctx, complaint.unitId)
    const open = isComplaintOpen(complaint.status)
    const due = open
      ? `，办理时限 ${formatLocal(complaint.dueAt, turn.ctx.timeZone, now)}${complaint.dueAt < now ? '（已超时）' : ''}`
      : ''
    return [
      `${WORDING.complaintStatus(complaint.code, complaint.status, null)}（${CATEGORY_LABELS[complaint.category]}）`,
      `承办单位：${unit}${due}`,
      maskPersonalInfo(complaint.description, complaint.citizenName),
      ...(complaint.outcome ? [`办理结果：${maskPersonalInfo(complaint.outcome, complaint.citizenName)}`] : []),
    ].join('\n')
  }
  const [hazard] = await turn.ctx.db.select().from(hazards).where(eq(hazards.code, code))
  if (!hazard) return `未找到编号为 ${code} 的记录。`
  const due = hazard.rectifyDueAt
    ? `，整改期限 ${formatLocal(hazard.rectifyDueAt, turn.ctx.timeZone, turn.ctx.clock.now())}`
    : ''
  // 「YH… 怎么没通过」: a check that failed, and why, while the unit rectifies again.
  const [latest] = await turn.ctx.db
    .select()
    .from(hazardEvents)
    .where(eq(hazardEvents.hazardId, hazard.id))
    .orderBy(desc(hazardEvents.at), desc(hazardEvents.id))
    .limit(1)
  const failed =
    latest?.kind === 'verify_fail' && hazard.status === 'rectifying'
      ? `\n${formatLocal(latest.at, turn.ctx.timeZone, turn.ctx.clock.now())} 验收不通过${latest.note ? `：${maskPersonalInfo(latest.note)}` : ''}。整改到位后请再次发送「整改 ${hazard.code}」反馈。`
      : ''
  return `隐患 ${hazard.code}：${HAZARD_STATUS_LABELS[hazard.status]}${due}\n${maskPersonalInfo(hazard.description)}${failed}`
}

/**
 * Card buttons: `complaint.accept:<id>` signs for a complaint, `escalation.ack:<id>` acknowledges an
 * escalation (确认收到) and stops its chain; the button then shows what was done.
 */
async function handleCardAction(turn: Turn, actor: Actor): Promise<Reply[]> {
  const key = turn.message.event?.key ?? ''
  const major = /^hazard\.(ack|assign|dispose):(\d+)$/.exec(key)
  if (major && turn.person)
    return majorHazardCard(turn, turn.person, actor, major[1] as 'ack' | 'assign' | 'dispose', Number(major[2]))
  const receipt = /^report\.receive:(\d+)$/.exec(key)
  if (receipt && turn.person) return receiveByCard(turn, turn.person, Number(receipt[1]))
  const signoff = /^(report\.submit|report\.sign|supervision\.sign):(\d+)$/.exec(key)
  if (signoff && turn.person) {
    const signer = signerOf(turn, turn.person)
    const id = Number(signoff[2])
    try {
      if (signoff[1] === 'supervision.sign') {
        const code = await signSupervision(turn.ctx, id, signer)
        return [text(`已签字确认督查记录 ${code}（被督单位领导签字）。`), ...cardUpdate(turn, '已签字')]
      }
      const outcome =
        signoff[1] === 'report.submit'
          ? await confirmReport(turn.ctx, turn.reportsDir, id, signer)
          : await signReport(turn.ctx, turn.reportsDir, id, signer)
      return [text(outcomeText(outcome)), ...cardUpdate(turn, outcome.status === 'submitted' ? '已上报' : '已确认')]
    } catch (error) {
      if (error instanceof RuleViolation) return [text(error.message)]
      throw error
    }
  }
  // The unfinished-form choice: the buttons say what the words say.
  if (key === 'form.continue' || key === 'form.discard') {
    const words = key === 'form.continue' ? '继续填写' : '放弃并开始新的'
    const person = turn.person
    if (!person) return [text(WORDING.notUnderstood)]
    const replies = await formsWith(turn, person, words)
    return [...(replies ?? [text('当前没有待选择的填报。')]), ...cardUpdate(turn, words)]
  }
  const ack = /^escalation\.ack:(\d+|all)$/.exec(key)
  if (ack)
    return [
      ...(await acknowledge(turn, actor, ack[1] === 'all' ? undefined : Number(ack[1]))),
      ...cardUpdate(turn, '已确认收到'),
    ]
  const match = /^complaint\.accept:(\d+)$/.exec(key)
  if (!match) return [text(WORDING.notUnderstood)]
  try {
    const complaint = await applyComplaintCommand({
      ctx: turn.ctx,
      complaintId: Number(match[1]),
      command: { action: 'accept' },
      actor,
    })
    return [text(WORDING.cardAccepted(complaint.code)), ...cardUpdate(turn, '已接收')]
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

/** 提交处置报告 YH… / 提交巡查报告 XC…: the written report after an emergency disposal or a team patrol. */
async function submitWrittenReport(
  turn: Turn,
  actor: Actor,
  kind: 'emergency' | 'team',
  rest: string,
): Promise<Reply[]> {
  const code = normaliseCode(rest)
  const { db } = turn.ctx
  const mayAct = (unitIds: (number | null)[]) =>
    actor.role === 'admin' || actor.role === 'supervisor' || unitIds.includes(actor.unitId)
  if (kind === 'emergency') {
    if (!code?.startsWith('YH')) return [text('请附上隐患编号，例如：提交处置报告 YH20261123-0001')]
    const [hazard] = await db.select().from(hazards).where(eq(hazards.code, code))
    if (!hazard?.emergencyReportDueAt) return [text(`隐患 ${code} 没有待提交的应急处置报告。`)]
    if (!mayAct([hazard.foundByUnitId, hazard.unitId])) return [text(WORDING.forbidden)]
    await submitEmergencyReport(turn.ctx, hazard.id)
    return [text(`已登记隐患 ${code} 的应急处置书面报告。`)]
  }
  if (!code?.startsWith('XC')) return [text('请附上巡查编号，例如：提交巡查报告 XC20261123-0001')]
  const [patrol] = await db.select().from(patrols).where(eq(patrols.code, code))
  if (!patrol?.reportDueAt) return [text(`巡查 ${code} 没有待提交的巡查组报告。`)]
  if (!mayAct([patrol.unitId])) return [text(WORDING.forbidden)]
  await applyPatrolCommand({ ctx: turn.ctx, patrolId: patrol.id, command: { action: 'submit_report' }, actor })
  return [text(`已登记巡查 ${code} 的巡查组报告。`)]
}

const REPORT_WORDS = Object.fromEntries(
  Object.entries(REPORT_COMMAND_WORDS).map(([kind, word]) => [word, kind as ReportKind]),
) as Record<string, ReportKind>

/** 作废 XC… 原因: a supervisor voids a wrong patrol record; 「弄虚作假」 in the reason marks it falsified (2-7). */
async function voidPatrol(turn: Turn, actor: Actor, rawCode: string, reason: string): Promise<string> {
  const code = normaliseCode(rawCode)
  const [patrol] = code ? await turn.ctx.db.select().from(patrols).where(eq(patrols.code, code)) : []
  if (!patrol) return `未找到巡查记录 ${code ?? rawCode}。`
  if (!reason.trim()) return `请写明作废原因，例如：作废 ${patrol.code} 弄虚作假：照片重复使用`
  try {
    const voided = await applyPatrolCommand({
      ctx: turn.ctx,
      patrolId: patrol.id,
      command: { action: 'void', reason },
      actor,
    })
    return voided.falsified
      ? `已作废巡查记录 ${patrol.code}，认定台账弄虚作假，按考核细则每次扣10分。记录仍保留在台账上。`
      : `已作废巡查记录 ${patrol.code}（${reason.trim()}）。记录仍保留在台账上，不再计入统计。`
  } catch (error) {
    if (error instanceof RuleViolation) return error.message
    throw error
  }
}

function signerOf(turn: Turn, person: PersonRow): Signer {
  return { id: person.id, name: person.name, role: person.role, unitId: person.unitId, channel: turn.message.channel }
}

function periodWords(report: { periodStart: string; periodEnd: string }): string {
  return report.periodStart === report.periodEnd ? report.periodStart : `${report.periodStart} 至 ${report.periodEnd}`
}

function outcomeText(outcome: SignoffOutcome): string {
  const label = REPORT_KIND_LABELS[outcome.report.kind as ReportKind]
  const period = periodWords(outcome.report)
  if (outcome.status === 'submitted') return `已上报${label}（${period}），签字已记录，报表不再变动。`
  return `已确认${label}（${period}）。还需要：${outcome.waitingFor.join('；')}，签字后自动上报。`
}

/** 上报周报 / 确认上报月报 / 上报统计表: confirms the unit's newest open report of that kind. */
async function submitTyped(turn: Turn, person: PersonRow, word: string, confirmed: boolean): Promise<Reply[]> {
  const kind = REPORT_WORDS[word]
  if (!kind || person.unitId === null) return [text(WORDING.forbidden)]
  const open =
    (await latestOpenReport(turn.ctx, person.unitId, kind)) ??
    (await draftLastPeriod(turn, { personId: person.id, role: person.role, unitId: person.unitId }, kind))
  if (!open) return [text(`您单位当前没有待上报的${REPORT_KIND_LABELS[kind]}。`)]
  // A form with boxes the unit writes itself is shown before it is confirmed: the drafts are accepted
  // with 「确认上报…」 or edited first. (The card's 确认上报 button already showed them.)
  const drafts = narrativeLines(kind as SignedReportKind, open.narrative)
  if (!confirmed && drafts.length > 0 && open.confirmedById === null)
    return [
      text(
        [
          `${REPORT_KIND_LABELS[kind]}（${periodWords(open)}）请核对：`,
          ...drafts,
          `采用请回复「确认上报${word}」；修改请发送「${drafts[0]?.split('（')[0] ?? '工作建议'}：……」等。`,
        ].join('\n'),
      ),
    ]
  try {
    return [text(outcomeText(await confirmReport(turn.ctx, turn.reportsDir, open.id, signerOf(turn, person))))]
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

/**
 * 签字 / 确认签字: signs everything waiting for this person's signature (reports of the units they sign for,
 * supervisions of their unit); 「签字 DC…」 signs that supervision only.
 */
async function signTyped(
  turn: Turn,
  person: PersonRow,
  code?: string,
  only?: ReportKind | 'supervision',
): Promise<Reply[]> {
  const signer = signerOf(turn, person)
  const lines: string[] = []
  try {
    const supervisionsToSign =
      only === undefined || only === 'supervision' ? await supervisionsAwaitingSignature(turn.ctx.db, signer) : []
    for (const s of supervisionsToSign.filter((s) => !code || s.code === code)) {
      await signSupervision(turn.ctx, s.id, signer)
      lines.push(`督查记录 ${s.code}：已签字（被督单位领导签字）`)
    }
    if (!code?.startsWith('DC') && only !== 'supervision')
      for (const report of (await reportsAwaitingSignature(turn.ctx.db, signer)).filter(
        (r) => only === undefined || r.kind === only,
      )) {
        const outcome = await signReport(turn.ctx, turn.reportsDir, report.id, signer)
        lines.push(outcomeText(outcome))
      }
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
  if (lines.length === 0) return [text(code ? `没有等待您签字的 ${code}。` : '当前没有等待您签字的报表或督查记录。')]
  return [text(lines.join('\n'))]
}

/**
 * 确认收到: by the card's escalation id; typed with a ticket number, that complaint's escalation; typed
 * alone, every escalation still waiting for this person's acknowledgement.
 */
async function acknowledge(turn: Turn, actor: Actor, escalationId?: number, code?: string): Promise<Reply[]> {
  if (actor.personId === null) return [text(WORDING.forbidden)]
  const { db } = turn.ctx
  let ids: number[]
  if (escalationId !== undefined) {
    ids = [escalationId]
  } else {
    const pending = await db
      .select({ id: escalations.id, code: complaints.code })
      .from(escalations)
      .innerJoin(complaints, eq(complaints.id, escalations.subjectId))
      .where(
        and(
          eq(escalations.subjectType, 'complaint'),
          eq(escalations.notifiedPersonId, actor.personId),
          isNull(escalations.ackAt),
        ),
      )
    ids = pending.filter((p) => !code || p.code === code).map((p) => p.id)
  }
  if (ids.length === 0) return [text(code ? `您没有投诉 ${code} 的待确认升级提醒。` : '您当前没有待确认的升级提醒。')]
  const codes: string[] = []
  for (const id of ids) {
    const row = await acknowledgeEscalation(turn.ctx, id, actor.personId)
    if (!row) continue
    const [complaint] = await db
      .select({ code: complaints.code })
      .from(complaints)
      .where(eq(complaints.id, row.subjectId))
    if (complaint) codes.push(complaint.code)
  }
  if (codes.length === 0) return [text('该提醒已确认或不是发给您的。')]
  return [text(`已确认收到投诉 ${codes.join('、')} 的升级提醒，后续升级已停止。请督促责任单位尽快办理。`)]
}

/** The major-hazard push card: 接报 records the acknowledgement; 交办 starts the assignment form. */
async function majorHazardCard(
  turn: Turn,
  person: PersonRow,
  actor: Actor,
  button: 'ack' | 'assign' | 'dispose',
  hazardId: number,
): Promise<Reply[]> {
  const [hazard] = await turn.ctx.db.select().from(hazards).where(eq(hazards.id, hazardId))
  if (!hazard) return [text('未找到该隐患。')]
  if (button === 'ack') return [text(await acknowledgeMajor(turn, actor, hazard)), ...cardUpdate(turn, '已接报')]
  // What was done is words (and photos): the button says how to send them.
  if (button === 'dispose')
    return [
      text(
        `请先发送现场照片（如有），再发送「处置 ${hazard.code} 已采取的措施」，例如：处置 ${hazard.code} 已疏散人员并设置围挡。`,
      ),
    ]
  const words = `交办 ${hazard.code}`
  return (await formsWith(turn, person, words)) ?? [text(WORDING.notUnderstood)]
}
