import type { Reply, Turn } from './types'

/** A plain text reply. */
export function text(value: string): Reply {
  return { message: { type: 'text', text: value } }
}

/** After a card button: replaces the pressed card's buttons with what was done (WeCom responseCode cards). */
export function cardUpdate(turn: Turn, replaceText: string): Reply[] {
  const event = turn.message.event
  if (!event?.responseCode) return []
  return [
    {
      message: {
        type: 'card_update',
        taskId: event.taskId ?? '',
        responseCode: event.responseCode,
        replaceText,
        userIds: [turn.message.sender.externalId],
      },
    },
  ]
}
