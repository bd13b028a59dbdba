import { createRoute } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { complaints, hazards } from '../../db/schema'
import { CATEGORIES } from '../../domain/categories'
import { SATISFACTION_LEVELS } from '../../domain/complaint-lifecycle'
import { HAZARD_LEVELS, LISTING_LEVELS } from '../../domain/hazard-lifecycle'
import { assertMayRecord } from '../../domain/record-permissions'
import { isWhistleblowing } from '../../domain/rewards'
import { MAX_ROW_ID, storableDate } from '../../domain/storable'
import { AppError } from '../../errors'
import { turnComplaintIntoHazard } from '../../services/complaint-hazards'
import {
  notifyComplaintAssignment,
  notifyComplaintOutcome,
  notifyComplaintRejected,
} from '../../services/complaint-notices'
import { applyComplaintCommand, receiveComplaint } from '../../services/complaints'
import { notifyHazardAssignment } from '../../services/hazard-notices'
import { applyHazardCommand } from '../../services/hazards'
import { Complaint, Hazard, one } from './contracts'
import { presentComplaint, presentHazard, presentOneComplaint } from './present'
import { actorOf, visibleTo, withNotices } from './request'
import { actionErrors, apiApp, codeParam, createErrors, json, jsonRequest } from './route-kit'

/**
 * Writes through /api/v1: file a complaint; move a hazard or a complaint along its loop. The token's role
 * and unit are the actor, so exactly the rules the chat bot enforces apply here too.
 */
const text = z.string().trim().min(1).max(2000)

export const NewComplaint = z.object({
  category: z.enum(CATEGORIES),
  description: text,
  locationText: z.string().trim().max(200).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  citizenPhone: z
    .string()
    .regex(/^[0-9+\-\s]{5,20}$/)
    .optional(),
  reference: z.string().trim().max(200).optional(),
})

export const HazardAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('assign'),
    unitId: z.number().int().positive().max(MAX_ROW_ID),
    rectifyDueAt: storableDate().optional(),
    fiveFixes: z
      .object({ responsibility: text, measures: text, funding: text, timeLimit: text, contingencyPlan: text })
      .partial()
      .optional(),
  }),
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('report_rectification'), note: text }),
  z.object({ action: z.literal('verify_pass') }),
  z.object({ action: z.literal('verify_fail'), reason: text }),
  z.object({ action: z.literal('void'), reason: text }),
  z.object({ action: z.literal('list_supervision'), level: z.enum(LISTING_LEVELS).default('local'), reason: text }),
  z.object({ action: z.literal('delist_supervision'), reason: text }),
  z.object({ action: z.literal('acknowledge') }),
  z.object({ action: z.literal('emergency_disposal'), note: text, disposedAt: storableDate().optional() }),
  z.object({ action: z.literal('regrade'), level: z.enum(HAZARD_LEVELS), reason: text }),
  /** 延期: a later rectification deadline, with the reason (supervising office). */
  z.object({ action: z.literal('extend'), newDueAt: storableDate(), reason: text }),
  /** 改派: another unit rectifies it, with the reason (supervising office); that unit is told. */
  z.object({ action: z.literal('reassign'), unitId: z.number().int().positive().max(MAX_ROW_ID), reason: text }),
])

export const ComplaintAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), unitId: z.number().int().positive().max(MAX_ROW_ID) }),
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('transfer'), unitId: z.number().int().positive().max(MAX_ROW_ID), reason: text }),
  z.object({ action: z.literal('reply'), outcome: text }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('reject'), reason: text }),
  z.object({ action: z.literal('extend'), newDueAt: storableDate(), reason: text }),
  z.object({ action: z.literal('callback'), satisfaction: z.enum(SATISFACTION_LEVELS), note: text.optional() }),
  /** 转为隐患: the complaint becomes a hazard record too (linked both ways); the answer names the hazard. */
  z.object({ action: z.literal('to_hazard'), level: z.enum(HAZARD_LEVELS).default('general') }),
])

export function actionsApi() {
  const app = apiApp()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complaints',
      summary: 'File a complaint (routed to the responsible unit; the 1-day limit starts)',
      tags: ['complaints'],
      request: { body: jsonRequest(NewComplaint) },
      responses: { 201: json(one(Complaint), 'Filed'), ...createErrors },
    }),
    async (c) => {
      assertMayRecord(actorOf(c), 'complaint')
      const input = c.req.valid('json')
      const ctx = c.get('services').ctx
      const complaint = await withNotices(ctx, async (tx) => {
        const received = await receiveComplaint({
          ctx: tx,
          input: {
            ...input,
            channel: 'open311',
            citizenExternalId: input.reference,
            contactConsent: Boolean(input.citizenPhone),
            whistleblowing: isWhistleblowing(input.description),
          },
        })
        await notifyComplaintAssignment(tx, received)
        return received
      })
      return c.json({ data: await presentOneComplaint(ctx.db, complaint) }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/hazards/{code}/transitions',
      summary: 'Move a hazard along its loop, acting in the token’s role and unit',
      tags: ['hazards'],
      request: { params: codeParam('YH20261123-0001'), body: jsonRequest(HazardAction) },
      responses: { 200: json(one(Hazard), 'The hazard after the step'), ...actionErrors },
    }),
    async (c) => {
      const command = c.req.valid('json')
      const ctx = c.get('services').ctx
      const [hazard] = await ctx.db
        .select()
        .from(hazards)
        .where(eq(hazards.code, c.req.valid('param').code))
      // Scope before rules: another unit's item is "not found", never a status that confirms it exists.
      if (!hazard || !visibleTo(c, hazard.unitId)) throw new AppError('not_found', 'Hazard not found')
      const updated = await withNotices(ctx, async (tx) => {
        const after = await applyHazardCommand({
          ctx: tx,
          hazardId: hazard.id,
          command:
            command.action === 'assign'
              ? { action: 'assign', unitId: command.unitId, fiveFixes: command.fiveFixes }
              : command.action === 'emergency_disposal'
                ? { action: 'emergency_disposal', note: command.note }
                : command,
          actor: actorOf(c),
          options:
            command.action === 'assign'
              ? { rectifyDueAt: command.rectifyDueAt }
              : command.action === 'emergency_disposal'
                ? { disposedAt: command.disposedAt }
                : {},
        })
        if (command.action === 'assign') await notifyHazardAssignment(tx, after)
        return after
      })
      return c.json({ data: presentHazard(updated) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complaints/{code}/transitions',
      summary: 'Move a complaint along its lifecycle, acting in the token’s role and unit',
      description: '`to_hazard` (转为隐患) also files a hazard; the answer’s `hazardCode` names it.',
      tags: ['complaints'],
      request: { params: codeParam('TS20261123-0001'), body: jsonRequest(ComplaintAction) },
      responses: { 200: json(one(Complaint), 'The complaint after the step'), ...actionErrors },
    }),
    async (c) => {
      const command = c.req.valid('json')
      const ctx = c.get('services').ctx
      const [complaint] = await ctx.db
        .select()
        .from(complaints)
        .where(eq(complaints.code, c.req.valid('param').code))
      if (!complaint || !visibleTo(c, complaint.unitId)) throw new AppError('not_found', 'Complaint not found')
      if (command.action === 'to_hazard') {
        const { complaint: after, hazard } = await turnComplaintIntoHazard(ctx, complaint.id, actorOf(c), command.level)
        return c.json({ data: presentComplaint(after, hazard.code) }, 200)
      }
      const updated = await withNotices(ctx, async (tx) => {
        const after = await applyComplaintCommand({ ctx: tx, complaintId: complaint.id, command, actor: actorOf(c) })
        if (command.action === 'reply') await notifyComplaintOutcome(tx, after)
        if (command.action === 'reject') await notifyComplaintRejected(tx, after, command.reason)
        if (command.action === 'assign' || command.action === 'transfer') await notifyComplaintAssignment(tx, after)
        return after
      })
      return c.json({ data: await presentOneComplaint(ctx.db, updated) }, 200)
    },
  )
  return app
}
