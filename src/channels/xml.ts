import { XMLBuilder } from 'fast-xml-parser'
import { SaxesParser } from 'saxes'

/**
 * The WeChat family speaks flat XML with CDATA text; parsed with a maintained parser, never regexes. saxes is a
 * conforming, strict parser: it checks well-formedness in the same single pass that reads the document, which
 * costs a fifth of a separate validation and parse (these run for every acknowledged message).
 */
export class MalformedXmlError extends Error {
  override name = 'MalformedXmlError'
}

/** The platforms never send a DOCTYPE: refusing it rules out entity expansion and external entities. */
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i

/** The platforms' documents nest four levels at most (xml › SendPicsInfo › PicList › item › PicMd5Sum). */
const MAX_DEPTH = 16

interface OpenElement {
  name: string
  text: string
  children: Record<string, unknown> | undefined
}

/**
 * Parses `<xml>…</xml>` into a record of strings (trimmed); an element with children becomes an object and a
 * repeated element an array. Whatever the parser objects to — syntax, depth, a declaration, an unknown entity,
 * another root — is a MalformedXmlError (a 400), never an unexpected error.
 */
export function parseWechatXml(body: string): Record<string, unknown> {
  const trimmed = body.trim()
  if (!trimmed) throw new MalformedXmlError('empty body')
  if (DECLARATION.test(trimmed)) throw new MalformedXmlError('DOCTYPE and entity declarations are not accepted')
  if (trimmed.includes('\u0000')) throw new MalformedXmlError('NUL character')
  const stack: OpenElement[] = []
  let root: { name: string; value: unknown } | undefined
  const parser = new SaxesParser()
  parser.on('error', (error) => {
    throw new MalformedXmlError(`invalid XML: ${error.message}`)
  })
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_DEPTH) throw new MalformedXmlError('nested too deep')
    stack.push({ name: tag.name, text: '', children: undefined })
  })
  const appendText = (text: string) => {
    const open = stack.at(-1)
    if (open) open.text += text
  }
  parser.on('text', appendText)
  parser.on('cdata', appendText)
  parser.on('closetag', () => {
    const closed = stack.pop() as OpenElement
    const value = elementValue(closed)
    const parent = stack.at(-1)
    if (!parent) {
      root = { name: closed.name, value }
      return
    }
    parent.children ??= {}
    const earlier = parent.children[closed.name]
    if (earlier === undefined) parent.children[closed.name] = value
    else if (Array.isArray(earlier)) earlier.push(value)
    else parent.children[closed.name] = [earlier, value]
  })
  try {
    parser.write(trimmed).close()
  } catch (error) {
    if (error instanceof MalformedXmlError) throw error
    throw new MalformedXmlError(`invalid XML: ${(error as Error).message}`)
  }
  if (root?.name !== 'xml' || typeof root.value !== 'object') throw new MalformedXmlError('missing <xml> root')
  return root.value as Record<string, unknown>
}

function elementValue(element: OpenElement): unknown {
  const text = element.text.trim()
  if (!element.children) return text
  if (text) element.children['#text'] = text
  return element.children
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
