/** The administration pages, one per thing an administrator keeps. */
export function AdminNav() {
  return (
    <p class="card">
      <a href="/console/admin">账号绑定 · 派单 · 值班 · 审计</a> | <a href="/console/admin/units">单位</a> |{' '}
      <a href="/console/admin/people">人员</a> | <a href="/console/admin/groups">群聊</a> |{' '}
      <a href="/console/admin/campaigns">专项整治行动</a> | <a href="/console/admin/settings">提醒设置</a> |{' '}
      <a href="/console/admin/failures">处理失败的消息</a> | <a href="/console/admin/dead-letters">发送失败的消息</a>
    </p>
  )
}
