/**
 * The audit log in the administrator's words: every action and record kind the services write, in Chinese.
 * A code not listed here shows as 「其他操作」/「其他记录」 rather than as itself (and the test that renders the log
 * fails on a code showing through).
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  add_duty_shift: '排班',
  bind_identity: '绑定账号',
  create_campaign: '创建专项整治',
  record_accident: '登记事故',
  record_finding: '登记考核发现',
  remove_group: '删除群聊',
  resend_message: '重发消息',
  retry_inbound: '重新处理消息',
  set_routing: '修改派单规则',
  set_supervision_assignment: '修改督查任务',
  create_unit: '新增单位',
  update_unit: '修改单位',
  create_person: '新增人员',
  update_person: '修改人员',
  create_group: '新增群聊',
  update_group: '修改群聊',
  set_reminders: '修改提醒设置',
  set_scoring: '修改考核规则',
  set_reward_standard: '修改奖励标准',
  ip_allowlist_blocked: '平台拒绝服务器IP',
}

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  accident: '事故',
  assessment_finding: '考核发现',
  campaign: '专项整治',
  chat_group: '群聊',
  duty_roster: '值班表',
  identity: '聊天账号',
  inbound_message: '收到的消息',
  outbox: '待发消息',
  person: '人员',
  routing: '派单规则',
  settings: '设置',
  supervision_assignment: '督查任务',
  unit: '单位',
  channel: '平台通道',
}

export const auditActionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? '其他操作'
export const auditEntityLabel = (entity: string) => AUDIT_ENTITY_LABELS[entity] ?? '其他记录'
