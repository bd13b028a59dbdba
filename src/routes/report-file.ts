import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { eq } from 'drizzle-orm'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import { periodicReports } from '../db/schema'
import { AppError } from '../errors'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Sends a generated report's XLSX as a download, or a clear 404. */
export async function reportFileResponse(c: Context<AppEnv>, id: number): Promise<Response> {
  const [report] = await c.var.services.db.select().from(periodicReports).where(eq(periodicReports.id, id))
  if (!report?.filePath) throw new AppError('not_found', 404, 'Report file not found')
  const bytes = await readFile(report.filePath).catch(() => undefined)
  if (!bytes) throw new AppError('not_found', 404, 'Report file is missing on disk')
  const name = basename(report.filePath)
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': XLSX_TYPE,
    'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  })
}
