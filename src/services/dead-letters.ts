import { and, desc, eq } from 'drizzle-orm'
import type { Database } from '../db/client'
import { outbox } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { maskPersonalInfo } from '../domain/privacy'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'

/**
 * Messages the outbox gave up on (dead letters): a permanent refusal by the platform or too many failed
 * attempts. The console lists them with the platform's code and message; once the cause is fixed (a user
 * re-bound, an IP allowlisted) the administrator sends one again.
 */
export async function deadLetters(db: Database, limit = 100) {
  const rows = await db
    .select()
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit)
  return rows.map((r) => {
    const message = r.message as { type: string; text?: string; markdown?: string; title?: string }
    const recipient = r.recipient as { kind: string; externalId?: string; url?: string }
    return {
      id: r.id,
      channel: r.channel,
      createdAt: r.createdAt,
      attempts: r.attempts,
      recipient: recipient.externalId ?? (recipient.url ? '群机器人' : recipient.kind),
      // What the message said, masked: others read this page.
      excerpt: maskPersonalInfo(message.text ?? message.markdown ?? message.title ?? `[${message.type}]`).slice(0, 80),
      errorCode: r.errorCode ?? '',
      error: maskPersonalInfo(r.lastError ?? '').slice(0, 300),
    }
  })
}

/** Sends a dead letter again: back to pending with fresh attempts, audited. */
export async function resendDeadLetter(ctx: ServiceContext, actor: AdminActor, id: number): Promise<void> {
  await audited(ctx, actor, { action: 'resend_message', entity: 'outbox' }, async (tx) => {
    const [row] = await tx
      .update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: ctx.clock.now(), lockedUntil: null })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
      .returning({ id: outbox.id, errorCode: outbox.errorCode })
    if (!row) throw new RuleViolation('not_found', '未找到该发送失败的消息，可能已重新发送。')
    return { entityId: String(id), after: { resent: true, previousError: row.errorCode } }
  })
}
