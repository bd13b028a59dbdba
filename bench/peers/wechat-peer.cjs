// The `wechat` (node-webot) middleware on a plain Node HTTP server: it checks the signature, parses the XML,
// decrypts the same messages and answers empty, storing nothing. The peer the webhook benchmark compares with.
const http = require('node:http')
const wechat = require('wechat')

const handler = wechat(
  { token: process.env.TOKEN, appid: process.env.RECEIVE_ID, encodingAESKey: process.env.AES_KEY },
  (_req, res) => res.reply(''),
)
http
  .createServer((req, res) => {
    req.query = Object.fromEntries(new URL(req.url, 'http://x').searchParams)
    handler(req, res, (error) => {
      res.writeHead(error ? 400 : 404)
      res.end()
    })
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'))
