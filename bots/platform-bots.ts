/**
 * Chat bots this deployment serves. Each bot names the environment prefix its secrets are read from;
 * secrets never live in this file. The `default` bots need no declaration: the plain WECOM_* / MP_*
 * variables configure them. A city running a second WeCom app adds e.g.
 *   { id: 'district2', platform: 'wecom', envPrefix: 'WECOM_DISTRICT2_' }
 * and sets WECOM_DISTRICT2_CORP_ID, WECOM_DISTRICT2_TOKEN, …; its webhook is /webhooks/wecom/district2.
 */
export interface DeclaredBot {
  id: string
  platform: 'wecom' | 'wecom-robot' | 'mp' | 'dingtalk'
  envPrefix: string
}

export const DECLARED_BOTS: DeclaredBot[] = [
  { id: 'default', platform: 'wecom', envPrefix: 'WECOM_' },
  { id: 'default', platform: 'wecom-robot', envPrefix: 'WECOM_AIBOT_' },
  { id: 'default', platform: 'mp', envPrefix: 'MP_' },
  { id: 'default', platform: 'dingtalk', envPrefix: 'DINGTALK_' },
]
