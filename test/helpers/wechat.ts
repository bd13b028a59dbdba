import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { buildWechatXml, type XmlValue } from '../../src/channels/xml'

/**
 * Builds platform requests the way WeCom and the Official Account do, with `wechat-crypto` — an
 * implementation independent of the one the server uses — so every test is also an interop check.
 */
const require = createRequire(import.meta.url)
const WXBizMsgCrypt = require('wechat-crypto') as new (
  token: string,
  key: string,
  id: string,
) => {
  getSignature(timestamp: string, nonce: string, encrypt: string): string
  encrypt(text: string): string
  decrypt(text: string): { message: string; id: string }
}

export const WECOM = {
  corpId: 'ww-test-corp',
  token: 'wecom-token',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  agentId: '1000002',
  secret: 'wecom-secret',
}

export const MP = {
  appId: 'wx-test-app',
  appSecret: 'mp-secret',
  token: 'mp-token',
  encodingAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
}

export function independentCrypto(token: string, key: string, receiveId: string) {
  return new WXBizMsgCrypt(token, key, receiveId)
}

export function wecomEnv(apiBase: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECOM_CORP_ID: WECOM.corpId,
    WECOM_TOKEN: WECOM.token,
    WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey,
    WECOM_AGENT_ID: WECOM.agentId,
    WECOM_SECRET: WECOM.secret,
    WECOM_API_BASE: apiBase,
    WECOM_AIBOT_TOKEN: 'aibot-token',
    WECOM_AIBOT_ENCODING_AES_KEY: WECOM.encodingAesKey,
    MP_APP_ID: MP.appId,
    MP_APP_SECRET: MP.appSecret,
    MP_TOKEN: MP.token,
    MP_ENCODING_AES_KEY: MP.encodingAesKey,
    MP_API_BASE: apiBase,
    ...extra,
  }
}

/** A WeCom-app message XML as the platform would send it, before encryption. */
export function wecomMessageXml(fields: Record<string, XmlValue>): string {
  return buildWechatXml({ ToUserName: WECOM.corpId, AgentID: Number(WECOM.agentId), ...fields })
}

/** An encrypted, signed POST for the WeCom app (or the robot with receiveId ''). */
export function sealedRequest(
  plaintext: string,
  options: { token?: string; key?: string; receiveId?: string; timestamp: number; nonce?: string },
): { query: string; body: string; encrypted: string } {
  const crypto = independentCrypto(
    options.token ?? WECOM.token,
    options.key ?? WECOM.encodingAesKey,
    options.receiveId ?? WECOM.corpId,
  )
  const encrypted = crypto.encrypt(plaintext)
  const timestamp = String(options.timestamp)
  const nonce = options.nonce ?? 'n0nce'
  const signature = crypto.getSignature(timestamp, nonce, encrypted)
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString()
  return {
    query,
    body: buildWechatXml({ ToUserName: WECOM.corpId, Encrypt: encrypted, AgentID: Number(WECOM.agentId) }),
    encrypted,
  }
}

export function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}

/** A signed WeCom text message posted as the platform posts it, stamped with the wall clock (for real processes). */
export function liveWecomText(from: string, msgId: number, content = '帮助'): { path: string; body: string } {
  const now = Math.floor(Date.now() / 1000)
  const xml = wecomMessageXml({ FromUserName: from, CreateTime: now, MsgType: 'text', Content: content, MsgId: msgId })
  const sealed = sealedRequest(xml, { timestamp: now, nonce: `n${msgId}` })
  return { path: `/webhooks/wecom/default?${sealed.query}`, body: sealed.body }
}

/**
 * A second independent sealer written from the protocol description, for the intelligent robot whose
 * receive id is empty (which `wechat-crypto` refuses): random(16) | length(4, BE) | message | id,
 * PKCS#7 to 32 bytes, AES-256-CBC with IV = first 16 key bytes; SHA-1 over the sorted parts.
 */
export function protocolCrypto(token: string, encodingAesKey: string, receiveId: string) {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  const iv = key.subarray(0, 16)
  return {
    encrypt(message: string): string {
      const body = Buffer.from(message)
      const length = Buffer.alloc(4)
      length.writeUInt32BE(body.length)
      const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(receiveId)])
      const pad = 32 - (plain.length % 32)
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
      return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
        'base64',
      )
    },
    getSignature(timestamp: string, nonce: string, encrypted: string): string {
      return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex')
    },
  }
}
