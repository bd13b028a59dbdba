import { handleCitizen } from './citizen'
import { withoutEmoticons } from './emoticons'
import { plainText, withoutSignOff, withQuoteRead, withSpokenCodes } from './plain-text'
import { toSimplified } from './simplified'
import { handleStaff } from './staff'
import type { Reply, Turn } from './types'
import { withTyposRead } from './typos'

/**
 * One message in, the replies out. Citizens write on the Official Account (or, in the console's
 * simulator, as a demo citizen); everyone else is staff.
 */
export async function handleTurn(turn: Turn): Promise<Reply[]> {
  const citizen =
    turn.message.channel === 'mp' || (turn.message.channel === 'console' && turn.person?.role === 'citizen')
  const { text } = turn.message
  const read =
    text === undefined
      ? turn
      : {
          ...turn,
          message: {
            ...turn.message,
            text: withoutSignOff(
              withTyposRead(withoutEmoticons(toSimplified(withQuoteRead(withSpokenCodes(plainText(text)))))),
            ),
          },
        }
  return citizen ? handleCitizen(read) : handleStaff(read)
}
