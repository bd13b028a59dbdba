import { BODY_LIMITS, limitBody } from '../../http/body'
import { actionsApi } from './actions'
import { assessmentApi } from './assessment'
import { requireApiToken } from './auth'
import { idempotencyKeys } from './idempotency'
import { ledgerApi } from './ledger'
import { recordsApi } from './records'
import { reportsApi } from './reports'
import { apiApp, refuseNulInJson } from './route-kit'

/**
 * /api/v1: every operation declared from its zod contract, so the OpenAPI document served at
 * /api/v1/openapi.json is generated from the very schemas that validate the requests and type the answers.
 */
export function apiV1(version: string) {
  const api = apiApp()
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  // Built once: the document does not change while the server runs.
  let document: ReturnType<typeof api.getOpenAPI31Document> | undefined
  // Public, before the token: clients discover the API without credentials.
  api.get('/openapi.json', (c) => {
    document ??= api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: "Xun'an (巡安) API",
        version,
        description:
          'Hazard, complaint, patrol and supervision ledgers, statutory reports and the assessment. Citizens’ ' +
          'details are masked. Every POST accepts an Idempotency-Key header: a retry with the same key and body ' +
          'gets the first answer again. Every response carries X-Request-Id (yours, when you send a plain one), ' +
          'and every error body has `error.code` from one list, `error.message`, the broken `error.rule` for a ' +
          '422, and the request id.',
      },
      servers: [{ url: '/api/v1' }],
      security: [{ bearer: [] }],
    })
    return c.json(document)
  })
  // Cheap before costly: a capped body, then the token (before anything reads the body), then idempotency.
  api.use('*', limitBody(BODY_LIMITS.api), requireApiToken, refuseNulInJson, idempotencyKeys)
  api.route('/reports', reportsApi())
  api.route('/assessment', assessmentApi())
  api.route('/', ledgerApi())
  api.route('/', actionsApi())
  api.route('/', recordsApi())
  return api
}
