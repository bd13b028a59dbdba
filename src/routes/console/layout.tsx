import type { Context } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../../app-env'
import { type ConsoleArea, mayOpen } from '../../domain/console-access'
import { ROLE_LABELS } from '../../domain/roles'

/** The console's page frame: light CSS inline, and the demo-mode banner on every page. */
const STYLE = `
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#1f2328}
header{background:#0b5cad;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center}
header a{color:#fff;text-decoration:none}
.who{margin-left:auto;font-size:14px}button.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;padding:0 0 0 8px}
header{flex-wrap:wrap}
.demo{background:#fff3cd;color:#7a4d00;padding:8px 20px;font-weight:bold;border-bottom:1px solid #e5c76b}
main{max-width:900px;margin:20px auto;padding:0 16px}
.card{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.me{text-align:right}.me .bubble{background:#d4f3d0}
.bubble{display:inline-block;background:#fff;border-radius:8px;padding:8px 12px;margin:4px 0;white-space:pre-wrap;max-width:80%;text-align:left;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.meta{color:#6b7280;font-size:12px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:6px;text-align:left}
figure{display:inline-block;margin:4px}.photos img{border-radius:4px;border:1px solid #e5e7eb}
textarea{width:100%;min-height:60px;font:inherit}button{font:inherit;padding:6px 16px}
`

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
  const demo = props.c.var.services.config.demo
  const viewer = props.c.var.viewer
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
          {/* Raw: escaping would turn the font names' quotes into entities and lose the whole font list. */}
          <style dangerouslySetInnerHTML={{ __html: STYLE }} />
          {props.head}
        </head>
        <body>
          <header>
            <strong>巡安 控制台</strong>
            {links.map(([, href, label]) => (
              <a href={href}>{label}</a>
            ))}
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
          <main>{props.children}</main>
        </body>
      </html>
    </>
  )
}
