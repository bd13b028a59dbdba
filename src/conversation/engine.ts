import { handleCitizen } from './citizen'
import { handleStaff } from './staff'
import type { Reply, Turn } from './types'

/** One message in, the replies out. Citizens write on the Official Account; everyone else is staff. */
export async function handleTurn(turn: Turn): Promise<Reply[]> {
  return turn.message.channel === 'mp' ? handleCitizen(turn) : handleStaff(turn)
}
