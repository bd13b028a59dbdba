import { describe, expect, it } from 'vitest'
import { buildWechatXml, field, MalformedXmlError, parseWechatXml } from '../../src/channels/xml'

describe('parseWechatXml', () => {
  it('reads the flat fields of a message, CDATA or bare, keeping 64-bit ids as text', () => {
    const xml = parseWechatXml(
      `<?xml version="1.0" encoding="UTF-8"?>
      <xml>
        <ToUserName><![CDATA[ww0123]]></ToUserName>
        <FromUserName><![CDATA[zhangwei]]></FromUserName>
        <CreateTime>1733280000</CreateTime>
        <MsgType><![CDATA[text]]></MsgType>
        <Content><![CDATA[  井盖破损 <1处> & 已警示  ]]></Content>
        <MsgId>7455123456789012345</MsgId>
      </xml>`,
    )
    expect(xml).toEqual({
      ToUserName: 'ww0123',
      FromUserName: 'zhangwei',
      CreateTime: '1733280000',
      MsgType: 'text',
      Content: '井盖破损 <1处> & 已警示',
      MsgId: '7455123456789012345',
    })
  })

  it('decodes the predefined and numeric entities of plain text', () => {
    const xml = parseWechatXml('<xml><Content>a &lt;b&gt; &amp; &#x4E95;&#30422;</Content><Empty></Empty><Self/></xml>')
    expect(xml).toEqual({ Content: 'a <b> & 井盖', Empty: '', Self: '' })
  })

  it('keeps nested elements as objects and repeated ones as arrays, which field() does not mistake for text', () => {
    const xml = parseWechatXml(
      `<xml><MsgType>event</MsgType><SendPicsInfo><Count>2</Count><PicList>
        <item><PicMd5Sum>aa</PicMd5Sum></item><item><PicMd5Sum>bb</PicMd5Sum></item>
      </PicList></SendPicsInfo></xml>`,
    )
    expect(xml.SendPicsInfo).toEqual({ Count: '2', PicList: { item: [{ PicMd5Sum: 'aa' }, { PicMd5Sum: 'bb' }] } })
    expect(field(xml, 'SendPicsInfo')).toBeUndefined()
    expect(field(xml, 'MsgType')).toBe('event')
  })

  it('reads back what buildWechatXml writes', () => {
    const built = buildWechatXml({ ToUserName: 'o-abc', Content: '工单 ]]> 已受理', CreateTime: 1733280000 })
    expect(parseWechatXml(built)).toEqual({ ToUserName: 'o-abc', Content: '工单 ]]> 已受理', CreateTime: '1733280000' })
  })

  it.each([
    ['an empty body', '  '],
    ['plain text', 'plain text'],
    ['an unclosed element', '<xml><Content>a</xml>'],
    ['a second root', '<xml><a>1</a></xml><xml><a>2</a></xml>'],
    ['text after the root', '<xml><a>1</a></xml>tail'],
    ['another root element', '<message><a>1</a></message>'],
    ['a root without elements', '<xml>text</xml>'],
    ['an entity XML does not define', '<xml><a>&nbsp;</a></xml>'],
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><a>&a;</a></xml>'],
    ['a NUL character', '<xml><a>\u0000</a></xml>'],
    ['nesting 5,000 deep', `<xml>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`],
  ])('refuses %s as malformed', (_, body) => {
    expect(() => parseWechatXml(body)).toThrow(MalformedXmlError)
  })

  it('accepts the deepest document the platforms send', () => {
    const deep = `<xml>${'<a>'.repeat(15)}x${'</a>'.repeat(15)}</xml>`
    expect(JSON.stringify(parseWechatXml(deep))).toContain('"x"')
  })
})
