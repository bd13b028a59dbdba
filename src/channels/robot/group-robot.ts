import { fetchWithTimeout, PlatformError, webhookReply } from '../platform-error'

/**
 * WeCom group robot (群机器人) webhook: text and markdown posts to a group's webhook key. The platform
 * allows about 20 messages a minute per robot; the outbox spaces sends (see GROUP_ROBOT_PER_MINUTE), and
 * a 45009 answer is retried later rather than failed.
 */
export const GROUP_ROBOT_PER_MINUTE = 20

export async function postToGroupRobot(webhookUrl: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetchWithTimeout(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const reply = await webhookReply(response, 'group robot')
  const code = reply.errcode
  if (code === 0) return
  const transient = code === -1 || code === 45009
  throw new PlatformError(String(code), `group robot ${code}: ${reply.errmsg}`, transient ? 'transient' : 'never')
}
