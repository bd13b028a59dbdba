import type { Context } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../../app-env'
import { type ConsoleArea, mayOpen } from '../../domain/console-access'
import { ROLE_LABELS } from '../../domain/roles'
import { STYLESHEET_PATH } from './stylesheet'

/** The console's page frame: the hashed stylesheet, the navigation, and the demo-mode banner on every page. */
const NAV: [ConsoleArea, string, string][] = [
  ['chat', '/console', '聊天模拟'],
  ['dashboard', '/console/dashboard', '驾驶舱'],
  ['ledgers', '/console/hazards', '隐患台账'],
  ['ledgers', '/console/complaints', '投诉台账'],
  ['ledgers', '/console/patrols', '巡查台账'],
  ['ledgers', '/console/supervisions', '督查台账'],
  ['ledgers', '/console/map', '隐患地图'],
  ['reports', '/console/reports', '报表'],
  ['reports', '/console/assessment', '考核'],
  ['rewards', '/console/rewards', '有奖举报'],
  ['admin', '/console/admin', '管理'],
]

export function Layout(props: { c: Context<AppEnv>; title: string; children: Child; head?: Child }) {
  const demo = props.c.get('services').config.demo
  const viewer = props.c.get('viewer')
  const links = NAV.filter(([area]) => viewer && mayOpen(viewer.role, area) && (area !== 'chat' || demo))
  return (
    <>
      {/* Standards mode: without a doctype browsers fall back to quirks mode. */}
      {raw('<!DOCTYPE html>')}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · 巡安`}</title>
          <link rel="stylesheet" href={STYLESHEET_PATH} />
          {/* No icon file: without this every page would ask for /favicon.ico and log a 404. */}
          <link rel="icon" href="data:," />
          {props.head}
        </head>
        <body>
          <header>
            <strong>巡安 控制台</strong>
            <nav aria-label="栏目">
              {links.map(([, href, label]) => (
                <a href={href}>{label}</a>
              ))}
            </nav>
            {viewer ? (
              <div class="who">
                {viewer.name}（{ROLE_LABELS[viewer.role]}）
                <form method="post" action="/console/logout" style="display:inline">
                  <button type="submit" class="link">
                    {demo ? '切换身份' : '退出'}
                  </button>
                </form>
              </div>
            ) : null}
          </header>
          {demo ? (
            <div class="demo">
              演示模式：无需密码即可以任一演示人员身份登录，当前身份
              {viewer ? `「${viewer.name}」` : '未选择'}。请勿录入真实数据。
            </div>
          ) : null}
          <main>
            {props.c.req.query('saved') === '1' ? (
              <div class="saved" role="status">
                已保存。
              </div>
            ) : null}
            {props.children}
          </main>
        </body>
      </html>
    </>
  )
}
