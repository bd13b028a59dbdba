import type { Context } from 'hono'
import { PATROL_CHECKLIST } from '../../../bots/patrol-checklist'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { DISPOSITION_LABELS, PROBLEM_STATUS_LABELS } from '../../domain/problem-list'
import { teamPatrolDetail } from '../../services/team-patrols'

const VERDICT_LABELS = { pass: '符合', fail: '不符合', na: '不适用' } as const

/** A team patrol's page: the source 003 checklist as answered, and the problem list with each item's state. */
export async function TeamPatrolCard(props: { c: Context<AppEnv>; patrolId: number; teamName: string | null }) {
  const { c, patrolId, teamName } = props
  const { db, config, clock } = c.var.services
  const { results, problems } = await teamPatrolDetail(db, patrolId)
  const at = (d: Date | null) => (d ? formatLocal(d, config.timeZone, clock.now()) : '—')
  const count = (v: keyof typeof VERDICT_LABELS) => results.filter((r) => r.verdict === v).length
  return (
    <div class="card">
      <h3>{teamName ?? '巡查组'} · 检查表（安全生产巡查工作主要内容及要点）</h3>
      <p class="meta">
        共 {PATROL_CHECKLIST.length} 项：符合 {count('pass')}，不符合 {count('fail')}，不适用 {count('na')}
      </p>
      <table>
        {PATROL_CHECKLIST.map((item) => {
          const r = results.find((x) => x.itemId === item.id)
          return (
            <tr>
              <td>{item.id}</td>
              <td>{item.topic}</td>
              <td>{item.text}</td>
              <td data-verdict={r?.verdict ?? ''}>{r ? VERDICT_LABELS[r.verdict] : '未填'}</td>
              <td>{r?.note ?? ''}</td>
            </tr>
          )
        })}
      </table>
      <h3>问题清单（{problems.length}）</h3>
      <table>
        <tr>
          <th>编号</th>
          <th>问题</th>
          <th>状态</th>
          <th>诊断分析</th>
          <th>分类处置</th>
          <th>移交督办</th>
          <th>整改销号</th>
        </tr>
        {problems.map((p) => (
          <tr>
            <td>{p.code}</td>
            <td>{p.description}</td>
            <td>{PROBLEM_STATUS_LABELS[p.status]}</td>
            <td>{p.cause ? `${p.cause}（${p.problemCategory ?? ''}）` : '—'}</td>
            <td>
              {p.disposition
                ? `${DISPOSITION_LABELS[p.disposition]}${p.dueAt ? ` ${at(p.dueAt)}前` : ''}${p.transferTo ? ` ${p.transferTo}` : ''}`
                : '—'}
            </td>
            <td>{p.handedOverTo ? `${p.handedOverTo}，反馈期限 ${at(p.reportBackDueAt)}` : '—'}</td>
            <td>{p.closedAt ? `${at(p.closedAt)} ${p.result ?? ''}` : '—'}</td>
          </tr>
        ))}
      </table>
      <p class="meta">
        在对话中逐项处理：「诊断 WT编号 原因；类别」「分类 WT编号 立即整改|限期 日期|移交 部门」「移交 WT编号
        单位」「销号 WT编号 整改结果」。
      </p>
    </div>
  )
}
