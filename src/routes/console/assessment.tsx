import { asc, between, eq } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { accidents, units } from '../../db/schema'
import { localDate } from '../../domain/local-time'
import { periodOfDate } from '../../domain/periods'
import {
  ASSESSMENT_FORMULA,
  DEDUCTION_RULES,
  type Deduction,
  discretionaryRange,
  FINDING_RULES,
} from '../../domain/scoring'
import { AppError } from '../../errors'
import {
  ACCIDENT_LEVEL_LABELS,
  ACCIDENT_REPORTING_LABELS,
  MEDIA_EXPOSURE_LABELS,
  recordAccident,
} from '../../services/accidents'
import { listFindings, recordFinding } from '../../services/assessment-findings'
import { loadScoringOptions, saveScoringOptions } from '../../services/settings'
import { assessedUnits, scoreEach } from '../../services/unit-scores'
import { run } from './admin'
import { Layout } from './layout'
import { viewerOf, viewerUnitScope } from './session'

/**
 * 考核 in the console (source 000 附件1): every assessed unit — patrol units and supervising offices — for a
 * month, with its 组织 / 实施 / 问责 parts, each deduction in 附件1's words with a link to the record that
 * caused it. 安监科 records the findings no ledger shows here; the administrator sets the two open rules.
 */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
/** 月、季、半年、年度 (source 000 五: 日常、月、季和年度绩效考核); the chosen month picks which one. */
const ASSESSMENT_SPANS = ['month', 'quarter', 'half', 'year'] as const
const SPAN_LABELS = { month: '月度', quarter: '季度', half: '半年', year: '年度' } as const

/** Where a deduction's record is shown: the ledger page for a hazard, complaint, patrol or supervision. */
function recordLink(d: Deduction): string | null {
  const ref = d.ref ?? ''
  if (/^YH\d{8}-\d+$/.test(ref)) return `/console/hazards/${ref}`
  if (/^TS\d{8}-\d+$/.test(ref)) return `/console/complaints/${ref}`
  if (/^XC\d{8}-\d+$/.test(ref)) return `/console/patrols/${ref}`
  if (/^\d{4}-\d{2}-\d{2}$/.test(ref)) return `/console/patrols?from=${ref}&to=${ref}`
  if (/^F\d+$/.test(ref)) return `#finding-${ref.slice(1)}`
  if (/^\d{4}-\d{2}$/.test(ref)) return `/console/supervisions?from=${ref}-01`
  return null
}

function UnitSelect(props: { units: { id: number; name: string }[] }) {
  return (
    <select name="unitId">
      {props.units.map((u) => (
        <option value={String(u.id)}>{u.name}</option>
      ))}
    </select>
  )
}

function Options(props: { name: string; labels: Record<string, string> }) {
  return (
    <select name={props.name}>
      {Object.entries(props.labels).map(([value, label]) => (
        <option value={value}>{label}</option>
      ))}
    </select>
  )
}

function mayRecord(c: Context<AppEnv>): boolean {
  const role = viewerOf(c).role
  return role === 'supervisor' || role === 'admin'
}

export function registerAssessment(app: Hono<AppEnv>): void {
  app.get('/assessment', async (c) => {
    const { ctx, db, clock, config } = c.get('services')
    const asked = c.req.query('month')
    if (asked !== undefined && !MONTH.test(asked)) throw new AppError('invalid_request', '月份请按 YYYY-MM 填写。')
    const month = asked ?? localDate(clock.now(), config.timeZone).slice(0, 7)
    const span = ASSESSMENT_SPANS.find((s) => s === c.req.query('span')) ?? 'month'
    const period = periodOfDate(span, `${month}-01`, config.timeZone)
    const scope = viewerUnitScope(c)
    const assessed = await assessedUnits(db)
    const shown = assessed.filter((u) => scope === undefined || u.id === scope)
    const scores = await scoreEach(ctx, shown, period)
    const findings = (await listFindings(db, period)).filter((f) => scope === undefined || f.finding.unitId === scope)
    const options = await loadScoringOptions(db)
    const yearAccidents = (
      await db
        .select({ accident: accidents, unitName: units.name })
        .from(accidents)
        .innerJoin(units, eq(units.id, accidents.unitId))
        .where(between(accidents.occurredOn, `${month.slice(0, 4)}-01-01`, period.end))
        .orderBy(asc(accidents.occurredOn))
    ).filter((a) => scope === undefined || a.accident.unitId === scope)
    return c.html(
      <Layout c={c} title="考核">
        <div class="card">
          <h2>考核 · {period.label}</h2>
          <form method="get" action="/console/assessment">
            <label>
              月份 <input name="month" type="month" value={month} />
            </label>{' '}
            <select name="span">
              {ASSESSMENT_SPANS.map((s) => (
                <option value={s} selected={s === span}>
                  {SPAN_LABELS[s]}
                </option>
              ))}
            </select>{' '}
            <button type="submit">查看</button>
          </form>
          <p class="meta">
            依据《安全巡查（督查）工作考核实施细则（单位部分：100分）》。{ASSESSMENT_FORMULA.join('')}
            逾期上报{options.latePenalty ? '扣分' : '只记录不扣分'}；批准延期
            {options.extensionsExcuse ? '可免除' : '不免除'}投诉超时扣分。
          </p>
          <table>
            <tr>
              <th>单位</th>
              <th>组织（10）</th>
              <th>实施（80）</th>
              <th>问责追责（10）</th>
              <th>得分</th>
              <th>扣分</th>
            </tr>
            {scores.map(({ unit, score }) => (
              <tr>
                <td>{unit.name}</td>
                <td>{score.parts.organisation.score}</td>
                <td>{score.parts.implementation.score}</td>
                <td>{score.parts.accountability.score}</td>
                <td>
                  <strong>{score.veto.length ? '一票否决' : score.score}</strong>
                  {score.veto.length ? <div class="meta">（{score.score} 分）</div> : null}
                </td>
                <td>
                  {score.deductions.length === 0 && score.veto.length === 0 ? '无' : null}
                  <ul>
                    {score.veto.map((reason) => (
                      <li>
                        <strong>一票否决</strong>：{reason}
                      </li>
                    ))}
                    {score.deductions.map((d) => {
                      const link = recordLink(d)
                      return (
                        <li>
                          {d.line} {d.wording}：{link ? <a href={link}>{d.reason}</a> : d.reason}（
                          {d.points > 0 ? `-${d.points}` : '不扣分'}）
                        </li>
                      )
                    })}
                  </ul>
                </td>
              </tr>
            ))}
          </table>
        </div>
        <div class="card">
          <h3>检查发现（安监科记录）</h3>
          <ul>
            {findings.map(({ finding, unitName }) => (
              <li id={`finding-${finding.id}`}>
                {finding.appliesOn} {unitName}：{DEDUCTION_RULES[finding.rule as keyof typeof DEDUCTION_RULES]?.wording}
                {finding.points ? `（${finding.points}分）` : ''}——{finding.reason}（{finding.recordedByLabel}）
              </li>
            ))}
          </ul>
          {findings.length === 0 ? <p class="meta">本月没有记录。</p> : null}
          {mayRecord(c) ? (
            <form method="post" action="/console/assessment/findings">
              <UnitSelect units={assessed} />{' '}
              <select name="rule">
                {FINDING_RULES.map((rule) => (
                  <option value={rule}>
                    {DEDUCTION_RULES[rule].line} {DEDUCTION_RULES[rule].wording}
                    {discretionaryRange(rule)
                      ? `（${discretionaryRange(rule)?.min}–${discretionaryRange(rule)?.max}分）`
                      : ''}
                  </option>
                ))}
              </select>{' '}
              <input name="appliesOn" type="date" value={`${month}-01`} required />{' '}
              <input name="points" type="number" min="1" max="80" placeholder="视情况扣分的分值" />{' '}
              <input name="reason" placeholder="扣分事实和依据" size={40} required />{' '}
              <button type="submit">记录</button>
            </form>
          ) : null}
        </div>
        <div class="card">
          <h3>事故记录（本年）</h3>
          <ul>
            {yearAccidents.map(({ accident, unitName }) => (
              <li id={`accident-${accident.id}`}>
                {accident.occurredOn} {unitName} {accident.place}：{ACCIDENT_LEVEL_LABELS[accident.level]}事故，死亡{' '}
                {accident.deaths} 人，{ACCIDENT_REPORTING_LABELS[accident.reporting]}，
                {MEDIA_EXPOSURE_LABELS[accident.mediaExposure]}
                {accident.negligencePoints ? `，认定失职渎职扣 ${accident.negligencePoints} 分` : ''}——
                {accident.description}
              </li>
            ))}
          </ul>
          {yearAccidents.length === 0 ? <p class="meta">本年没有事故记录。</p> : null}
          {mayRecord(c) ? (
            <form method="post" action="/console/assessment/accidents">
              <UnitSelect units={assessed} /> <input name="occurredOn" type="date" required />{' '}
              <input name="place" placeholder="地点" required /> <Options name="level" labels={ACCIDENT_LEVEL_LABELS} />{' '}
              <input name="deaths" type="number" min="0" value="0" size={3} /> 人死亡{' '}
              <Options name="reporting" labels={ACCIDENT_REPORTING_LABELS} />{' '}
              <Options name="mediaExposure" labels={MEDIA_EXPOSURE_LABELS} />{' '}
              <input name="negligencePoints" type="number" min="1" max="80" placeholder="失职渎职扣分（如认定）" />{' '}
              <input name="description" placeholder="事故经过和认定" size={30} required />{' '}
              <button type="submit">记录事故</button>
            </form>
          ) : null}
        </div>
        {viewerOf(c).role === 'admin' ? (
          <div class="card">
            <form method="post" action="/console/assessment/options">
              <h3>考核规则设置</h3>
              <label>
                <input type="checkbox" name="latePenalty" checked={options.latePenalty} /> 逾期上报的报表也扣分
              </label>
              <br />
              <label>
                <input type="checkbox" name="extensionsExcuse" checked={options.extensionsExcuse} />{' '}
                批准延期后在延期内办结的投诉不扣分
              </label>
              <br />
              <button type="submit">保存</button>
            </form>
          </div>
        ) : null}
      </Layout>,
    )
  })

  app.post('/assessment/findings', async (c) => {
    if (!mayRecord(c)) throw new AppError('forbidden', '只有安监科督查人员或管理员可以记录考核发现。')
    return run(
      c,
      (actor, form) =>
        recordFinding(c.get('services').ctx, actor, {
          unitId: form.unitId as never,
          rule: form.rule as never,
          appliesOn: String(form.appliesOn ?? ''),
          points: form.points === undefined || form.points === '' ? undefined : (form.points as never),
          reason: String(form.reason ?? ''),
        }),
      '/console/assessment',
    )
  })

  app.post('/assessment/accidents', async (c) => {
    if (!mayRecord(c)) throw new AppError('forbidden', '只有安监科督查人员或管理员可以记录事故。')
    return run(c, (actor, form) => recordAccident(c.get('services').ctx, actor, form as never), '/console/assessment')
  })

  app.post('/assessment/options', async (c) => {
    if (viewerOf(c).role !== 'admin') throw new AppError('forbidden', '只有管理员可以修改考核规则。')
    return run(
      c,
      (actor, form) =>
        saveScoringOptions(c.get('services').ctx, actor, {
          latePenalty: form.latePenalty === 'on',
          extensionsExcuse: form.extensionsExcuse === 'on',
        }),
      '/console/assessment',
    )
  })
}
