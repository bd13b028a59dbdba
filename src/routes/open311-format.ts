import { XMLBuilder } from 'fast-xml-parser'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * Open311 GeoReport v2 answers in the format the client asked for by extension: JSON, or the spec's XML
 * (a root element holding one element per item: <services><service>…, <service_requests><request>…,
 * <errors><error>…). The XML is built with fast-xml-parser, the library that already parses WeChat's.
 */
export const OPEN311_FORMATS = ['json', 'xml'] as const
export type Open311Format = (typeof OPEN311_FORMATS)[number]

const XML_SHAPES = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const

const builder = new XMLBuilder({ format: true, ignoreAttributes: false, suppressEmptyNode: true })
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

/** Splits `requests/TS20261123-0001.xml` style names into the id and the format; undefined for others. */
export function splitFormat(file: string): { id: string; format: Open311Format } | undefined {
  const match = /^(.+)\.(json|xml)$/.exec(file)
  return match ? { id: match[1] as string, format: match[2] as Open311Format } : undefined
}

/** XML has no null: an absent value is an empty element, as the spec's examples show. */
function xmlReady(value: unknown): unknown {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(xmlReady)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlReady(v)]))
  return value
}

export function open311List(
  c: Context,
  format: Open311Format,
  kind: keyof typeof XML_SHAPES,
  items: object[],
  status: ContentfulStatusCode = 200,
) {
  if (format === 'json') return c.json(items, status)
  const [root, item] = XML_SHAPES[kind]
  return c.body(`${DECLARATION}${builder.build({ [root]: { [item]: xmlReady(items) } })}`, status, {
    'content-type': XML_TYPE,
  })
}

/** The spec names text/xml as the XML format (and lists it so in discovery). */
export const XML_TYPE = 'text/xml; charset=utf-8'

/**
 * Service discovery: where the GeoReport v2 endpoint is, in which formats, and when it last changed —
 * where Open311 clients start.
 */
export function open311Discovery(c: Context, format: Open311Format, endpointUrl: string, changeset: string) {
  const discovery = {
    changeset,
    contact: '请联系市住房和城乡建设局安监科。',
    key_service: '申请 api_key 请联系系统管理员。',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: endpointUrl,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  }
  if (format === 'json') return c.json(discovery)
  const xml = {
    discovery: {
      ...discovery,
      endpoints: {
        endpoint: discovery.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })),
      },
    },
  }
  return c.body(`${DECLARATION}${builder.build(xml)}`, 200, { 'content-type': XML_TYPE })
}

export function open311Error(c: Context, format: Open311Format, code: ContentfulStatusCode, description: string) {
  return open311List(c, format, 'errors', [{ code, description }], code)
}

/** A service definition: one object, <service_definition> in XML. */
export function open311Definition(
  c: Context,
  format: Open311Format,
  definition: { service_code: string; attributes: object[] },
) {
  if (format === 'json') return c.json(definition)
  const body = {
    service_definition: {
      service_code: definition.service_code,
      attributes: { attribute: xmlReady(definition.attributes) },
    },
  }
  return c.body(`${DECLARATION}${builder.build(body)}`, 200, { 'content-type': XML_TYPE })
}
