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

/** The platforms never send a DOCTYPE: refusing it rules out entity expansion and external entities. */
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i

/**
 * Parses `<xml>…</xml>` into a flat record of strings (nested elements stay objects). Whatever the parser
 * objects to — syntax, depth, a declaration — is a MalformedXmlError (a 400), never an unexpected error.
 */
export function parseWechatXml(body: string): Record<string, unknown> {
  const trimmed = body.trim()
  if (!trimmed) throw new MalformedXmlError('empty body')
  if (DECLARATION.test(trimmed)) throw new MalformedXmlError('DOCTYPE and entity declarations are not accepted')
  if (trimmed.includes('\u0000')) throw new MalformedXmlError('NUL character')
  let doc: Record<string, unknown>
  try {
    const valid = XMLValidator.validate(trimmed)
    if (valid !== true) throw new MalformedXmlError(`invalid XML: ${valid.err.msg}`)
    doc = parser.parse(trimmed) as Record<string, unknown>
  } catch (error) {
    if (error instanceof MalformedXmlError) throw error
    throw new MalformedXmlError(`invalid XML: ${(error as Error).message}`)
  }
  const root = doc.xml
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new MalformedXmlError('missing <xml> root')
  return root as Record<string, unknown>
}

/**
 * The ciphertext of an encrypted callback, found without parsing the document: the signature is checked
 * over it before any parser sees the body, so an unauthenticated caller cannot make us parse anything.
 */
const ENCRYPT_FIELD = /<Encrypt>\s*(?:<!\[CDATA\[\s*([A-Za-z0-9+/=]+)\s*\]\]>|([A-Za-z0-9+/=]+))\s*<\/Encrypt>/

export function extractEncryptField(body: string): string | undefined {
  const match = ENCRYPT_FIELD.exec(body)
  return match ? (match[1] ?? match[2]) : undefined
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
