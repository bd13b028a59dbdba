import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { complaints, hazards } from '../../db/schema'
import { maskPersonalInfo, maskPhone } from '../../domain/privacy'
import { AppError } from '../../errors'
import { complaintTimeline } from '../../services/complaints'
import { hazardTimeline } from '../../services/hazards'
import { ComplaintFilter, HazardFilter, listComplaints, listHazards } from '../../services/ledger'
import { parseFilter } from '../ledger-query'
import { requireApiToken } from './auth'
import { scoped, visibleTo } from './request'

/** GET /api/v1/hazards, /hazards/:code, /complaints, /complaints/:code — the ledgers for other systems. */
export function ledgerApi() {
  const app = new Hono<AppEnv>()
  app.use('*', requireApiToken)

  app.get('/hazards', async (c) => {
    const page = await listHazards(
      c.var.services.db,
      scoped(c, parseFilter(c, HazardFilter)),
      c.var.services.clock.now(),
    )
    return c.json({ data: page.rows, nextCursor: page.nextCursor })
  })
  app.get('/hazards/:code', async (c) => {
    const [hazard] = await c.var.services.db
      .select()
      .from(hazards)
      .where(eq(hazards.code, c.req.param('code')))
    if (!hazard || !visibleTo(c, hazard.unitId)) throw new AppError('not_found', 404, 'Hazard not found')
    return c.json({ data: { ...hazard, events: await hazardTimeline(c.var.services.db, hazard.id) } })
  })
  app.get('/complaints', async (c) => {
    const page = await listComplaints(
      c.var.services.db,
      scoped(c, parseFilter(c, ComplaintFilter)),
      c.var.services.clock.now(),
    )
    return c.json({ data: page.rows.map(masked), nextCursor: page.nextCursor })
  })
  app.get('/complaints/:code', async (c) => {
    const [complaint] = await c.var.services.db
      .select()
      .from(complaints)
      .where(eq(complaints.code, c.req.param('code')))
    if (!complaint || !visibleTo(c, complaint.unitId)) throw new AppError('not_found', 404, 'Complaint not found')
    return c.json({ data: { ...masked(complaint), events: await complaintTimeline(c.var.services.db, complaint.id) } })
  })
  return app
}

/** Citizens' names and phone numbers stay masked outside the handling chain. */
function masked(c: typeof complaints.$inferSelect) {
  return {
    ...c,
    // A 举报's reporter is confidential (source 002): nothing of them, masked or not.
    citizenName: c.citizenName && !c.whistleblowing ? `${[...c.citizenName][0]}*` : null,
    citizenPhone: c.citizenPhone && !c.whistleblowing ? maskPhone(c.citizenPhone) : null,
    citizenExternalId: undefined,
    description: maskPersonalInfo(c.description, c.citizenName),
  }
}
