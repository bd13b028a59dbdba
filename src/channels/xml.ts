import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'

/** The WeChat family speaks flat XML with CDATA text; parsed with a maintained parser, never regexes. */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // keep MsgId and other 64-bit numbers as strings
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
})

export class MalformedXmlError extends Error {
  override name = 'MalformedXmlError'
}

/** Parses `<xml>…</xml>` into a flat record of strings (nested elements stay objects). */
export function parseWechatXml(body: string): Record<string, unknown> {
  const trimmed = body.trim()
  if (!trimmed) throw new MalformedXmlError('empty body')
  const valid = XMLValidator.validate(trimmed)
  if (valid !== true) throw new MalformedXmlError(`invalid XML: ${valid.err.msg}`)
  const doc = parser.parse(trimmed) as Record<string, unknown>
  const root = doc.xml
  if (!root || typeof root !== 'object') throw new MalformedXmlError('missing <xml> root')
  return root as Record<string, unknown>
}

export function field(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'object') return undefined
  return String(value)
}

const builder = new XMLBuilder({ cdataPropName: '__cdata', suppressEmptyNode: false })

export type XmlValue = string | number | { [key: string]: XmlValue }

/** Builds `<xml>` with strings in CDATA (as the platforms send them) and numbers bare. */
export function buildWechatXml(fields: Record<string, XmlValue>): string {
  return builder.build({ xml: wrap(fields) }) as string
}

function wrap(value: XmlValue): unknown {
  if (typeof value === 'number') return value
  if (typeof value === 'string') return { __cdata: value }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrap(v)]))
}
