import { count, isNotNull, sql } from 'drizzle-orm'
import { inboundMessages, outbox } from '../db/schema'
import { formatLocal } from './format'
import type { Turn } from './types'

/** 「系统状态」「系统正常吗」: an administrator asking whether the service is well, answered from the queues. */
const ASKS_SYSTEM_STATUS =
  /^(?:查看|看看|看一下)?(?:系统|服务|服务器|机器人|助手)(?:的)?(?:运行)?(?:状态|情况)(?:怎么样|如何)?(?:吗|呢)?[？?。]*$|^(?:系统|服务|服务器|机器人|助手)(?:运行)?(?:正常|好)(?:吗|不|么|没有?)[？?。]*$|^(?:有)?(?:多少|几)条?(?:消息|通知|来信)(?:没|未|没有)(?:发出去|发送|发出|送达|处理)(?:的)?[？?。]*$|^(?:最近|今天|现在|目前)?(?:有没有|有)(?:什么|哪些)?(?:消息|通知|来信)(?:发送失败|没发出去|未发出|处理失败)(?:的)?(?:吗)?[？?。]*$|^(?:最近|今天|现在|目前)?(?:有没有|有)(?:什么|哪些)?(?:发送失败|没发出去|未发出|处理失败|发不出去)的(?:消息|通知|来信)(?:吗)?[？?。]*$/
/** The service named (「系统」「机器人」「平台」) … */
const THE_SERVICE = /系统|服务器|机器人|平台|后台|推送|消息队列/
/** … and asked whether it is well, in other words (「今天系统有什么异常」「机器人是不是挂了」「平台有没有报错」). */
const HOW_IT_RUNS = /状态|正常|异常|故障|报错|出错|错误|毛病|挂了|宕机|卡住|卡了|失败|运行(?:得)?(?:怎么样|如何)/

/**
 * 「出了什么错误没有」「发送失败的消息有哪些」「有没有报错」: the same, with no service named — an administrator's
 * words (it was not understood).
 */
const FAILURES_ASKED =
  /^(?:最近|今天|现在|目前)?(?:有没有|有|出了|出过)(?:什么|啥)?(?:错误|报错|故障|异常|问题)(?:没有|吗|么)?[？?。]*$|^(?:发送|推送|处理)?失败的(?:消息|通知|来信)(?:有哪些|有多少|有几条|呢)?[？?。]*$/

/** Whether an administrator's short message asks how the service runs. */
export function asksSystemStatus(said: string): boolean {
  const words = said.trim()
  return (
    ASKS_SYSTEM_STATUS.test(words) ||
    FAILURES_ASKED.test(words) ||
    ([...words].length <= 24 && THE_SERVICE.test(words) && HOW_IT_RUNS.test(words))
  )
}

/**
 * The service answers, so it runs; what an administrator can act on is what waits or failed: messages not yet
 * processed, replies not yet sent, and those given up on (the console lists both kinds with a retry button).
 */
export async function describeSystemStatus(turn: Turn): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const [[waiting], [failedIn], sending] = await Promise.all([
    db
      .select({ n: count() })
      .from(inboundMessages)
      // Not the question itself, which is being processed now.
      .where(
        sql`${inboundMessages.processedAt} is null and ${inboundMessages.failedAt} is null and not (${inboundMessages.channel} = ${turn.message.channel} and ${inboundMessages.botId} = ${turn.message.botId} and ${inboundMessages.messageId} = ${turn.message.messageId})`,
      ),
    db.select({ n: count() }).from(inboundMessages).where(isNotNull(inboundMessages.failedAt)),
    db
      .select({ status: outbox.status, n: count() })
      .from(outbox)
      .where(sql`${outbox.status} in ('pending', 'sending', 'failed')`)
      .groupBy(outbox.status),
  ])
  const outgoing = (status: string) => sending.find((r) => r.status === status)?.n ?? 0
  const failedOut = outgoing('failed')
  return [
    `截至 ${formatLocal(now, timeZone, now)}，服务运行正常。`,
    `待处理的来信 ${waiting?.n ?? 0} 条，待发送的消息 ${outgoing('pending') + outgoing('sending')} 条。`,
    `处理失败的来信 ${failedIn?.n ?? 0} 条，发送失败的消息 ${failedOut} 条${
      (failedIn?.n ?? 0) + failedOut > 0
        ? '：请在管理后台「管理」页的「处理失败的消息」「发送失败的消息」查看原因并重试。'
        : '。'
    }`,
  ].join('\n')
}
