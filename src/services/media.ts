import { createHash } from 'node:crypto'
import { and, asc, eq, gte, isNull } from 'drizzle-orm'
import type { Database } from '../db/client'
import { type ChannelId, media } from '../db/schema'
import { storeFile } from '../storage/stored-files'

export type MediaRow = typeof media.$inferSelect

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'audio/amr': 'amr',
  'audio/silk': 'silk',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
}

/**
 * Keeps a received file exactly as it came, named by its SHA-256, with who sent it and when, so evidence
 * can be shown unaltered. The same platform media id is stored once.
 */
export async function storeMedia(
  db: Database,
  directory: string,
  input: {
    bytes: Buffer
    mimeType: string
    channel: ChannelId
    externalMediaId: string
    uploaderIdentityId: number | null
    receivedAt: Date
  },
): Promise<MediaRow> {
  const existing = await findMediaByExternalId(db, input.channel, input.externalMediaId)
  if (existing) return existing
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const extension = EXTENSIONS[input.mimeType] ?? 'bin'
  const storagePath = await storeFile(directory, `${sha256}.${extension}`, input.bytes, input.mimeType)
  const [row] = await db
    .insert(media)
    .values({
      sha256,
      mimeType: input.mimeType,
      bytes: input.bytes.length,
      storagePath,
      channel: input.channel,
      externalMediaId: input.externalMediaId,
      uploaderIdentityId: input.uploaderIdentityId,
      receivedAt: input.receivedAt,
    })
    .returning()
  if (!row) throw new Error('media insert returned no row')
  return row
}

export async function findMediaByExternalId(
  db: Database,
  channel: ChannelId,
  externalMediaId: string,
): Promise<MediaRow | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.channel, channel), eq(media.externalMediaId, externalMediaId)))
  return row
}

export async function linkMedia(
  db: Database,
  mediaIds: number[],
  subject: { type: 'hazard' | 'complaint' | 'patrol' | 'supervision'; id: number },
) {
  for (const id of mediaIds)
    await db.update(media).set({ subjectType: subject.type, subjectId: subject.id }).where(eq(media.id, id))
}

/** How long a photo sent before a command (「处置 YH…」) still belongs to it. */
const RECENT_MEDIA_MS = 30 * 60_000

/** Photos this chat account sent in the last half hour that no record has taken yet. */
export async function recentUnattachedMedia(db: Database, identityId: number, now: Date): Promise<number[]> {
  const rows = await db
    .select({ id: media.id })
    .from(media)
    .where(
      and(
        eq(media.uploaderIdentityId, identityId),
        isNull(media.subjectId),
        gte(media.receivedAt, new Date(now.getTime() - RECENT_MEDIA_MS)),
      ),
    )
    .orderBy(asc(media.id))
  return rows.map((r) => r.id)
}
