import { createRoute } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { complaints, hazards } from '../../db/schema'
import { AppError } from '../../errors'
import { complaintTimeline } from '../../services/complaints'
import { hazardTimeline } from '../../services/hazards'
import { ComplaintFilter, HazardFilter, listComplaints, listHazards } from '../../services/ledger'
import { parseFilter } from '../ledger-query'
import { Complaint, ComplaintWithEvents, Hazard, HazardWithEvents, one, page } from './contracts'
import {
  presentComplaintEvent,
  presentComplaints,
  presentHazard,
  presentHazardEvent,
  presentOneComplaint,
} from './present'
import { scoped, visibleTo } from './request'
import { apiApp, codeParam, json, listErrors, queryParameters, readErrors } from './route-kit'

/** GET /api/v1/hazards, /hazards/:code, /complaints, /complaints/:code — the ledgers for other systems. */
export function ledgerApi() {
  const app = apiApp()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/hazards',
      summary: 'List hazards (newest first, keyset paging)',
      tags: ['hazards'],
      parameters: queryParameters(HazardFilter),
      responses: { 200: json(page(Hazard), 'A page of hazards'), ...listErrors },
    }),
    async (c) => {
      const { db, clock } = c.get('services')
      const result = await listHazards(db, scoped(c, parseFilter(c, HazardFilter)), clock.now())
      return c.json({ data: result.rows.map(presentHazard), nextCursor: result.nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/hazards/{code}',
      summary: 'A hazard with its event timeline',
      tags: ['hazards'],
      request: { params: codeParam('YH20261123-0001') },
      responses: { 200: json(one(HazardWithEvents), 'The hazard'), ...readErrors },
    }),
    async (c) => {
      const { db } = c.get('services')
      const [hazard] = await db
        .select()
        .from(hazards)
        .where(eq(hazards.code, c.req.valid('param').code))
      if (!hazard || !visibleTo(c, hazard.unitId)) throw new AppError('not_found', 'Hazard not found')
      const events = (await hazardTimeline(db, hazard.id)).map(presentHazardEvent)
      return c.json({ data: { ...presentHazard(hazard), events } }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/complaints',
      summary: 'List complaints (newest first, keyset paging); citizens masked',
      tags: ['complaints'],
      parameters: queryParameters(ComplaintFilter),
      responses: { 200: json(page(Complaint), 'A page of complaints'), ...listErrors },
    }),
    async (c) => {
      const { db, clock } = c.get('services')
      const result = await listComplaints(db, scoped(c, parseFilter(c, ComplaintFilter)), clock.now())
      return c.json({ data: await presentComplaints(db, result.rows), nextCursor: result.nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/complaints/{code}',
      summary: 'A complaint with its event timeline; citizens masked',
      tags: ['complaints'],
      request: { params: codeParam('TS20261123-0001') },
      responses: { 200: json(one(ComplaintWithEvents), 'The complaint'), ...readErrors },
    }),
    async (c) => {
      const { db } = c.get('services')
      const [complaint] = await db
        .select()
        .from(complaints)
        .where(eq(complaints.code, c.req.valid('param').code))
      if (!complaint || !visibleTo(c, complaint.unitId)) throw new AppError('not_found', 'Complaint not found')
      const events = (await complaintTimeline(db, complaint.id)).map((e) =>
        presentComplaintEvent(e, complaint.citizenName),
      )
      return c.json({ data: { ...(await presentOneComplaint(db, complaint)), events } }, 200)
    },
  )
  return app
}
