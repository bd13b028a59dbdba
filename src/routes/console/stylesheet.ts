import { createHash } from 'node:crypto'
import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'

/**
 * The console's one stylesheet, served as a file whose name carries a hash of its content: browsers keep it
 * for a year and fetch a new one exactly when it changes. CJK-first fonts (system-ui alone falls to a serif
 * on many Chinese Windows installs). Narrow screens: the navigation stays one scrolling line, cards scroll
 * what does not fit inside themselves, and ledgers turn into one card per record.
 */
export const STYLESHEET = `
body{font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:0;background:#f5f6f8;color:#1f2328;line-height:1.5}
header{background:#0b5cad;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none}
header nav{display:flex;gap:16px;flex-wrap:wrap}
.who{margin-left:auto;font-size:14px}button.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;padding:0 0 0 8px}
.demo{background:#fff3cd;color:#7a4d00;padding:8px 20px;font-weight:bold;border-bottom:1px solid #e5c76b}
main{max-width:900px;margin:20px auto;padding:0 16px}
.card{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px;box-shadow:0 1px 2px rgba(0,0,0,.08);overflow-x:auto}
.me{text-align:right}.me .bubble{background:#d4f3d0}
.bubble{display:inline-block;background:#fff;border-radius:8px;padding:8px 12px;margin:4px 0;white-space:pre-wrap;max-width:80%;text-align:left;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.meta{color:#6b7280;font-size:12px}
.saved{background:#dcfce7;color:#14532d;border-radius:8px;padding:8px 16px;margin-bottom:12px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:6px;text-align:left}
figure{display:inline-block;margin:4px}.photos img{border-radius:4px;border:1px solid #e5e7eb;max-width:100%;height:auto}
textarea{width:100%;min-height:60px;font:inherit;box-sizing:border-box}button{font:inherit;padding:6px 16px}
input,select{font:inherit;max-width:100%}
table.trend td{white-space:nowrap}.bar{display:inline-block;height:10px;margin-right:6px;background:#0b5cad;border-radius:2px;vertical-align:middle}
@media (max-width:640px){
header{padding:8px 12px;gap:8px}
header nav{flex-wrap:nowrap;overflow-x:auto;white-space:nowrap;width:100%;gap:14px;padding-bottom:2px}
.who{margin-left:0}
main{margin:12px auto;padding:0 8px}
.card{padding:12px}
.bubble{max-width:95%}
td:first-child,th:first-child{white-space:nowrap}
td,th{padding:6px 4px}
table.ledger,table.ledger tbody,table.ledger tr,table.ledger td{display:block;width:auto}
table.ledger tr:first-child{display:none}
table.ledger tr{border:1px solid #e5e7eb;border-radius:6px;margin-bottom:8px;padding:6px 8px}
table.ledger td{border:0;padding:2px 0}
table.ledger td[data-label]::before{content:attr(data-label) "：";color:#6b7280}
table.ledger td.desc{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:calc(100vw - 60px)}
table.timeline tr{display:block;border-bottom:1px solid #e5e7eb;padding:4px 0}
table.timeline td{display:inline;border:0;padding:0 6px 0 0}
}
`

const hash = createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12)

/** Where pages link the stylesheet: its name changes whenever its content does. */
export const STYLESHEET_PATH = `/console/assets/console-${hash}.css`

export function registerStylesheet(app: Hono<AppEnv>): void {
  app.get(`/assets/console-${hash}.css`, (c) =>
    c.body(STYLESHEET, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    }),
  )
}
