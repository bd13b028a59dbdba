import { z } from 'zod'
import { ComplaintFilter, HazardFilter, PatrolFilter, SupervisionFilter } from '../../services/ledger'
import { ComplaintAction, HazardAction, NewComplaint } from './actions'
import { NewAccidentBody, NewFindingBody } from './assessment'
import { NewHazard, NewPatrol, NewSupervision, PatrolTransition } from './records'
import { NewReport, ReportAction } from './reports'

/**
 * The OpenAPI 3.1 description of /api/v1, built from the zod schemas the handlers validate with, so the
 * document and the behaviour cannot drift apart.
 */
function jsonBody(schema: z.ZodType) {
  return {
    required: true,
    content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } },
  }
}

const ruleErrors = {
  '403': {
    description: 'The token’s role or unit may not do this',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '422': {
    description: 'A business rule forbids it (e.g. out of order)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
}

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  }))
}

const error = { $ref: '#/components/schemas/Error' }
const errors = {
  '400': {
    description: 'Invalid request; the message names the field',
    content: { 'application/json': { schema: error } },
  },
  '401': { description: 'Missing or invalid bearer token', content: { 'application/json': { schema: error } } },
}
const page = (item: string) => ({
  type: 'object',
  properties: {
    data: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    nextCursor: { type: ['string', 'null'] },
  },
})

/** List, get and create for a record kind filed in the token's role and unit. */
function recordPaths(path: string, item: string, filter: z.ZodObject, create: z.ZodType, example: string) {
  return {
    [`/${path}`]: {
      get: {
        summary: `List ${path} (newest first, keyset paging)`,
        parameters: queryParameters(filter),
        responses: {
          '200': { description: 'A page', content: { 'application/json': { schema: page(item) } } },
          ...errors,
        },
      },
      post: {
        summary: `File a new ${item.toLowerCase()} record in the token’s role and unit`,
        requestBody: jsonBody(create),
        responses: { '201': { description: 'Filed' }, ...errors, ...ruleErrors },
      },
    },
    [`/${path}/{code}`]: {
      get: {
        summary: `One ${item.toLowerCase()} record`,
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string', example } }],
        responses: {
          '200': { description: `The ${item.toLowerCase()}` },
          '404': { description: 'Not found', content: { 'application/json': { schema: error } } },
          ...errors,
        },
      },
    },
  }
}

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: "Xun'an (巡安) API",
      version,
      description:
        'Hazard, complaint, patrol and supervision ledgers and statutory reports. Citizens’ details are masked. ' +
        'Every POST accepts an Idempotency-Key header: a retry with the same key and body gets the first answer again.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
        Hazard: { type: 'object', description: 'A hazard on the ledger (fields as in the database, camelCase).' },
        Complaint: { type: 'object', description: 'A complaint on the ledger; citizen name and phone masked.' },
        Report: { type: 'object', description: 'A statutory report with its XLSX download path.' },
        Patrol: { type: 'object', description: 'A patrol record (日巡查/巡查组) on the ledger.' },
        Supervision: { type: 'object', description: 'A supervision record (督查记录表) on the ledger.' },
      },
    },
    paths: {
      '/hazards': {
        post: {
          summary: 'Report a hazard, found by the token’s unit (routed at once when general)',
          requestBody: jsonBody(NewHazard),
          responses: { '201': { description: 'Reported' }, ...errors, ...ruleErrors },
        },
        get: {
          summary: 'List hazards (newest first, keyset paging)',
          parameters: queryParameters(HazardFilter),
          responses: {
            '200': { description: 'A page', content: { 'application/json': { schema: page('Hazard') } } },
            ...errors,
          },
        },
      },
      '/hazards/{code}': {
        get: {
          summary: 'A hazard with its event timeline',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string', example: 'YH20261123-0001' } },
          ],
          responses: {
            '200': { description: 'The hazard' },
            '404': { description: 'Not found', content: { 'application/json': { schema: error } } },
            ...errors,
          },
        },
      },
      '/complaints': {
        post: {
          summary: 'File a complaint (routed to the responsible unit, 1-day limit starts)',
          requestBody: jsonBody(NewComplaint),
          responses: { '201': { description: 'Filed' }, ...errors },
        },
        get: {
          summary: 'List complaints (newest first, keyset paging)',
          parameters: queryParameters(ComplaintFilter),
          responses: {
            '200': { description: 'A page', content: { 'application/json': { schema: page('Complaint') } } },
            ...errors,
          },
        },
      },
      '/complaints/{code}': {
        get: {
          summary: 'A complaint with its event timeline',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string', example: 'TS20261123-0001' } },
          ],
          responses: {
            '200': { description: 'The complaint' },
            '404': { description: 'Not found', content: { 'application/json': { schema: error } } },
            ...errors,
          },
        },
      },
      '/hazards/{code}/transitions': {
        post: {
          summary: 'Move a hazard along its loop, acting in the token’s role and unit',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: jsonBody(HazardAction),
          responses: { '200': { description: 'The hazard after the step' }, ...errors, ...ruleErrors },
        },
      },
      '/complaints/{code}/transitions': {
        post: {
          summary: 'Move a complaint along its lifecycle, acting in the token’s role and unit',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: jsonBody(ComplaintAction),
          responses: { '200': { description: 'The complaint after the step' }, ...errors, ...ruleErrors },
        },
      },
      ...recordPaths('patrols', 'Patrol', PatrolFilter, NewPatrol, 'XC20261123-0001'),
      ...recordPaths('supervisions', 'Supervision', SupervisionFilter, NewSupervision, 'DC20261123-0001'),
      '/patrols/{code}/transitions': {
        post: {
          summary: 'Register a team patrol’s written report, or void a wrong record (supervisor, admin)',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: jsonBody(PatrolTransition),
          responses: { '200': { description: 'The patrol after the step' }, ...errors, ...ruleErrors },
        },
      },
      '/assessment': {
        get: {
          summary: 'The 附件1 assessment of every assessed unit for a month (parts, deductions with their 附件1 line)',
          parameters: [
            { name: 'month', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
            { name: 'span', in: 'query', schema: { type: 'string', enum: ['month', 'quarter', 'half', 'year'] } },
          ],
          responses: { '200': { description: 'Scores by unit' }, ...errors },
        },
      },
      '/assessment/accidents': {
        post: {
          summary: 'Record an accident (事故): 附件1 2-5 and the 一票否决 conditions (supervisor, admin)',
          requestBody: jsonBody(NewAccidentBody),
          responses: { '201': { description: 'Recorded' }, ...errors, ...ruleErrors },
        },
      },
      '/assessment/findings': {
        post: {
          summary: 'Record a finding for the lines no ledger shows (supervisor, admin)',
          requestBody: jsonBody(NewFindingBody),
          responses: { '201': { description: 'Recorded' }, ...errors, ...ruleErrors },
        },
      },
      '/reports': {
        get: {
          summary: 'Generated statutory reports',
          parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } }],
          responses: { '200': { description: 'Reports' }, ...errors },
        },
        post: {
          summary: 'Draft a report for a period that has ended (the scheduled job drafts each on time)',
          requestBody: jsonBody(NewReport),
          responses: {
            '201': { description: 'Drafted, with its figures and XLSX' },
            '409': { description: 'Already drafted', content: { 'application/json': { schema: error } } },
            ...errors,
            ...ruleErrors,
          },
        },
      },
      '/reports/{id}': {
        get: {
          summary: 'A report with its figures',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': { description: 'The report' },
            '404': { description: 'Not found', content: { 'application/json': { schema: error } } },
            ...errors,
          },
        },
      },
      '/reports/{id}/transitions': {
        post: {
          summary: 'Submit (上报) a report, as the unit that owes it',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          requestBody: jsonBody(ReportAction),
          responses: { '200': { description: 'The report after the step' }, ...errors, ...ruleErrors },
        },
      },
      '/reports/{id}/file': {
        get: {
          summary: 'A report as XLSX',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'The file',
              content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} },
            },
            '404': { description: 'Not found' },
            ...errors,
          },
        },
      },
    },
  }
}
