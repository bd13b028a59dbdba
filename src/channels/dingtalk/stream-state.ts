/**
 * Whether this process holds the city's DingTalk Stream connections (one process does, elected by an
 * advisory lock) and whether each is connected right now: for /readyz and the metrics.
 */
export interface StreamConnection {
  bot: string
  connected(): boolean
}

export interface StreamSnapshot {
  /** This process holds the stream (false: another worker does, or none is configured). */
  held: boolean
  /** Each stream bot's socket, when held: connected or not. */
  connected: Record<string, boolean>
}

export class DingtalkStreamState {
  private connections: StreamConnection[] | undefined

  hold(connections: StreamConnection[]): void {
    this.connections = connections
  }

  release(): void {
    this.connections = undefined
  }

  snapshot(): StreamSnapshot {
    const connections = this.connections ?? []
    return {
      held: this.connections !== undefined,
      connected: Object.fromEntries(connections.map((c) => [c.bot, c.connected()])),
    }
  }
}
