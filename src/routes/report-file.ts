import { basename } from 'node:path'
import { desc, eq, isNull, or } from 'drizzle-orm'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import { periodicReports, units } from '../db/schema'
import { reportFileName } from '../domain/report-file-name'
import { AppError } from '../errors'
import { XLSX_CONTENT_TYPE } from '../reports/xlsx'
import { readStoredFile } from '../storage/stored-files'

/**
 * The reports a viewer may see, newest first: a unit's people see their unit's reports and the city-wide
 * ones (bulletins are circulated to every unit); `unitScope` undefined means every report.
 */
export function visibleReports(c: Context<AppEnv>, unitScope: number | undefined, limit: number) {
  return c
    .get('services')
    .db.select()
    .from(periodicReports)
    .where(
      unitScope === undefined ? undefined : or(isNull(periodicReports.unitId), eq(periodicReports.unitId, unitScope)),
    )
    .orderBy(desc(periodicReports.createdAt))
    .limit(limit)
}

/** Sends a generated report's XLSX as a download, or a clear 404 (also for another unit's report). */
export async function reportFileResponse(
  c: Context<AppEnv>,
  id: number,
  unitScope: number | undefined,
): Promise<Response> {
  const [report] = await c.get('services').db.select().from(periodicReports).where(eq(periodicReports.id, id))
  const visible = report && (unitScope === undefined || report.unitId === null || report.unitId === unitScope)
  if (!visible || !report.filePath) throw new AppError('not_found', 'Report file not found')
  const bytes = await readStoredFile(report.filePath)
  if (!bytes) throw new AppError('not_found', 'Report file is missing on disk')
  const [unit] = report.unitId
    ? await c.get('services').db.select({ name: units.name }).from(units).where(eq(units.id, report.unitId))
    : []
  const name = reportFileName({ ...report, unitName: unit?.name ?? null })
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': XLSX_CONTENT_TYPE,
    // The Chinese name for every current browser and client (RFC 6266 filename*), the stored ASCII name for the rest.
    'content-disposition': `attachment; filename="${basename(report.filePath)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  })
}
