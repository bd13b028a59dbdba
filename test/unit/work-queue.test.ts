import { describe, expect, it } from 'vitest'
import { KeyedWorkQueue, type YieldSignal } from '../../src/messaging/work-queue'

/** The acknowledgements the pool gives way to, switched by the test. */
function switchableSignal() {
  const listeners: (() => void)[] = []
  let busy = true
  const signal: YieldSignal & { quiet(): void } = {
    get busy() {
      return busy
    },
    onQuiet: (listener) => listeners.push(listener),
    quiet() {
      busy = false
      for (const listener of listeners) listener()
    },
  }
  return signal
}

/** A job that runs until the test opens its gate, recording when it started and finished. */
function gatedJobs() {
  const log: string[] = []
  const gates = new Map<number, () => void>()
  const job = (id: number) => () => {
    log.push(`start ${id}`)
    return new Promise<void>((resolve) => {
      gates.set(id, () => {
        log.push(`end ${id}`)
        resolve()
      })
    })
  }
  const open = async (id: number) => {
    gates.get(id)?.()
    // Let the queue's continuation run.
    for (let i = 0; i < 5; i++) await Promise.resolve()
  }
  return { log, job, open }
}

describe('the bounded processing pool', () => {
  it('runs at most `concurrency` jobs and starts the next as one finishes', async () => {
    const queue = new KeyedWorkQueue({ concurrency: 2, limit: 100 })
    const { log, job, open } = gatedJobs()
    for (const id of [1, 2, 3, 4]) void queue.add(id, `person ${id}`, job(id))
    expect(log).toEqual(['start 1', 'start 2'])
    expect({ waiting: queue.backlog, active: queue.active }).toEqual({ waiting: 2, active: 2 })
    await open(2)
    expect(log).toEqual(['start 1', 'start 2', 'end 2', 'start 3'])
    await open(1)
    await open(3)
    await open(4)
    await queue.idle()
    expect(queue.active).toBe(0)
  })

  it('keeps one person’s messages in order, one at a time, while others go ahead', async () => {
    const queue = new KeyedWorkQueue({ concurrency: 4, limit: 100 })
    const { log, job, open } = gatedJobs()
    void queue.add(1, 'zhang', job(1))
    void queue.add(2, 'zhang', job(2))
    void queue.add(3, 'li', job(3))
    void queue.add(4, 'zhang', job(4), true)
    // 2 and 4 wait for 1 (even 4, though urgent: it may not overtake zhang's earlier message); li goes ahead.
    expect(log).toEqual(['start 1', 'start 3'])
    await open(1)
    expect(log.slice(2)).toEqual(['end 1', 'start 2'])
    await open(2)
    expect(log.slice(4)).toEqual(['end 2', 'start 4'])
    await open(3)
    await open(4)
    await queue.idle()
  })

  it('starts urgent work ahead of the backlog', async () => {
    const queue = new KeyedWorkQueue({ concurrency: 1, limit: 100 })
    const { log, job, open } = gatedJobs()
    void queue.add(1, 'a', job(1))
    void queue.add(2, 'b', job(2))
    void queue.add(3, 'c', job(3))
    void queue.add(9, 'citizen', job(9), true)
    await open(1)
    expect(log).toEqual(['start 1', 'end 1', 'start 9'])
    for (const id of [9, 2, 3]) await open(id)
    await queue.idle()
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start 1', 'start 9', 'start 2', 'start 3'])
  })

  it('says when its backlog is full, and joins a job asked for twice instead of running it twice', async () => {
    const queue = new KeyedWorkQueue({ concurrency: 1, limit: 2 })
    const { log, job, open } = gatedJobs()
    void queue.add(1, 'a', job(1))
    void queue.add(2, 'b', job(2))
    expect(queue.full()).toBe(false)
    const first = queue.add(3, 'c', job(3))
    expect(queue.full()).toBe(true)
    const again = queue.add(3, 'c', job(3))
    expect(queue.backlog).toBe(2)
    for (const id of [1, 2, 3]) await open(id)
    await Promise.all([first, again])
    expect(log.filter((l) => l === 'start 3')).toHaveLength(1)
    expect(queue.full()).toBe(false)
  })

  it('goes on after a job fails', async () => {
    const queue = new KeyedWorkQueue({ concurrency: 1, limit: 10 })
    const ran: number[] = []
    await queue.add(1, 'a', async () => {
      ran.push(1)
      throw new Error('boom')
    })
    await queue.add(2, 'a', async () => {
      ran.push(2)
    })
    expect(ran).toEqual([1, 2])
  })

  it('holds ordinary work while the acknowledgements are busy, starts urgent work anyway, and widens when quiet', async () => {
    const acknowledgements = switchableSignal()
    const queue = new KeyedWorkQueue({ concurrency: 3, limit: 100, yieldTo: acknowledgements })
    const { log, job, open } = gatedJobs()
    void queue.add(1, 'a', job(1))
    void queue.add(2, 'b', job(2))
    void queue.add(9, 'citizen', job(9), true)
    expect(log).toEqual(['start 9'])
    expect({ waiting: queue.backlog, active: queue.active }).toEqual({ waiting: 2, active: 1 })
    // A job finishing while still busy frees a place, which ordinary work may not take.
    await open(9)
    expect(log).toEqual(['start 9', 'end 9'])
    acknowledgements.quiet()
    expect(log.slice(2)).toEqual(['start 1', 'start 2'])
    for (const id of [1, 2]) await open(id)
    await queue.idle()
  })

  it('lets `busyConcurrency` ordinary jobs run through a burst', async () => {
    const acknowledgements = switchableSignal()
    const queue = new KeyedWorkQueue({ concurrency: 4, limit: 100, yieldTo: acknowledgements, busyConcurrency: 1 })
    const { log, job, open } = gatedJobs()
    for (const id of [1, 2, 3]) void queue.add(id, `person ${id}`, job(id))
    expect(log).toEqual(['start 1'])
    await open(1)
    expect(log).toEqual(['start 1', 'end 1', 'start 2'])
    acknowledgements.quiet()
    expect(log.at(-1)).toBe('start 3')
    for (const id of [2, 3]) await open(id)
    await queue.idle()
  })
})
