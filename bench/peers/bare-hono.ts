// A bare Hono route on @hono/node-server that reads the body and answers empty: the ceiling for any webhook.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.post('/webhooks/wecom/default', async (c) => {
  await c.req.text()
  return c.text('')
})
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.send?.('ready'))
