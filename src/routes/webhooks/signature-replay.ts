import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env'
import { webhookSignatures } from '../../db/schema'
import { AppError } from '../../errors'
import { recordFailedCredentials } from '../../http/credentials'

/**
 * Binds a signature that does not cover the body to the first message it carried. The same signature
 * with the same message id is a platform retry (answered as one); with another message it is a replay of
 * a captured signature and refused with 401.
 */
export async function claimSignature(c: Context<AppEnv>, signature: string, messageId: string): Promise<void> {
  const { db, clock } = c.get('services')
  const key = createHash('sha256').update(signature).digest('hex')
  const [claimed] = await db
    .insert(webhookSignatures)
    .values({ signature: key, messageId, seenAt: clock.now() })
    .onConflictDoNothing()
    .returning({ messageId: webhookSignatures.messageId })
  if (claimed) return
  const [earlier] = await db
    .select({ messageId: webhookSignatures.messageId })
    .from(webhookSignatures)
    .where(eq(webhookSignatures.signature, key))
  if (earlier?.messageId === messageId) return
  await recordFailedCredentials(c, 'replayed webhook signature')
  throw new AppError('unauthorized', 'This signature was already used for another message')
}
