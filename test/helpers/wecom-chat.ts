import { expect } from 'vitest'
import type { Clock } from '../../src/domain/clock'
import type { FakeWechatApi } from '../fakes/wechat-api'
import type { testApp } from './app'
import { sealedRequest, seconds, wecomMessageXml } from './wechat'

/**
 * One WeCom user chatting through the signed, encrypted callback: each message is processed and the outbox
 * drained, and what the bot sent back (text or markdown, as the fake platform received it) is returned.
 */
export function wecomChat(
  harness: ReturnType<typeof testApp>,
  fake: FakeWechatApi,
  clock: Clock,
  from: string,
  msgIdPrefix: string,
) {
  let sequence = 1
  const send = async (fields: Record<string, string | number>): Promise<string> => {
    fake.reset()
    const xml = wecomMessageXml({
      FromUserName: from,
      CreateTime: seconds(clock.now()),
      MsgId: `${msgIdPrefix}${String(sequence++).padStart(5, '0')}`,
      ...fields,
    })
    const sealed = sealedRequest(xml, { timestamp: seconds(clock.now()) })
    const res = await harness.app.request(`/webhooks/wecom/default?${sealed.query}`, {
      method: 'POST',
      body: sealed.body,
    })
    expect(res.status).toBe(200)
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
    return fake
      .callsTo('/cgi-bin/message/send')
      .map((c) => {
        const body = c.body as { text?: { content: string }; markdown?: { content: string } }
        return body.text?.content ?? body.markdown?.content ?? ''
      })
      .join('\n')
  }
  return {
    say: (content: string) => send({ MsgType: 'text', Content: content }),
    /** A photo (the fake serves its bytes). */
    sendPhoto: (mediaId: string) =>
      send({ MsgType: 'image', PicUrl: 'http://example.invalid/p.jpg', MediaId: mediaId }),
  }
}
