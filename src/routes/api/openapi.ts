import { z } from 'zod'
import { ComplaintFilter, HazardFilter } from '../../services/ledger'

/**
 * The OpenAPI 3.1 description of /api/v1, built from the zod schemas the handlers validate with, so the
 * document and the behaviour cannot drift apart.
 */
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

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: "Xun'an (巡安) API",
      version,
      description: 'Hazard and complaint ledgers and statutory reports. Citizens’ details are masked.',
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
      },
    },
    paths: {
      '/hazards': {
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
      '/reports': {
        get: {
          summary: 'Generated statutory reports',
          parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } }],
          responses: { '200': { description: 'Reports' }, ...errors },
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
