import type { Logger } from 'pino'

/** A periodic piece of work. */
export interface Job {
  name: string
  /** Time between the end of one run and the start of the next. */
  intervalMs: number
  /** Up to this much is added to each wait, at random, so instances drift apart. @default 10 % of intervalMs */
  jitterMs?: number
  /** One run; `signal` aborts when the runner stops (finish the current item, start no more). */
  run(signal: AbortSignal): Promise<unknown>
}

interface JobState {
  job: Job
  timer: NodeJS.Timeout | undefined
  running: Promise<void> | undefined
  /** A trigger arrived while running: run again right after. */
  again: boolean
}

/**
 * Runs jobs periodically, one run of a job at a time (a run is never started while the previous
 * one is going: the next wait starts when a run ends). A failing run is logged and the job
 * carries on. `stop` stops scheduling, aborts and waits for the runs in progress.
 *
 * Jobs must be safe with several instances running them at once: what they share is the
 * database (claims with `FOR UPDATE SKIP LOCKED`), never this process's memory.
 */
export class JobRunner {
  private readonly jobs = new Map<string, JobState>()
  private readonly abort = new AbortController()
  private started = false

  constructor(private readonly logger: Logger) {}

  add(job: Job): this {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is already registered`)
    this.jobs.set(job.name, { job, timer: undefined, running: undefined, again: false })
    return this
  }

  /** Schedules every job's first run (after a jittered fraction of its interval). */
  start(): void {
    if (this.started || this.abort.signal.aborted) return
    this.started = true
    for (const state of this.jobs.values()) this.schedule(state, this.jitter(state.job))
  }

  /**
   * Runs a job now (or right after its current run). Resolves when that run ends. Used when
   * something makes work due at once (a provider reported "done"), and by tests.
   */
  async trigger(name: string): Promise<void> {
    const state = this.jobs.get(name)
    if (!state) throw new Error(`no job named ${name}`)
    if (this.abort.signal.aborted) return
    if (state.running) {
      state.again = true
      await state.running
      return
    }
    clearTimeout(state.timer)
    await this.runJob(state)
  }

  /** Stops scheduling, aborts the runs in progress and waits for them to end. */
  async stop(): Promise<void> {
    this.abort.abort()
    for (const state of this.jobs.values()) clearTimeout(state.timer)
    await Promise.all([...this.jobs.values()].map((state) => state.running))
  }

  get names(): string[] {
    return [...this.jobs.keys()]
  }

  private jitter(job: Job): number {
    return Math.random() * (job.jitterMs ?? job.intervalMs / 10)
  }

  private schedule(state: JobState, delayMs: number): void {
    if (this.abort.signal.aborted || !this.started) return
    clearTimeout(state.timer)
    state.timer = setTimeout(() => void this.runJob(state), delayMs)
    state.timer.unref()
  }

  private runJob(state: JobState): Promise<void> {
    const run = (async () => {
      do {
        state.again = false
        const started = Date.now()
        try {
          await state.job.run(this.abort.signal)
        } catch (error) {
          this.logger.error({ err: error, job: state.job.name }, 'job run failed')
        }
        this.logger.trace({ job: state.job.name, ms: Date.now() - started }, 'job ran')
      } while (state.again && !this.abort.signal.aborted)
    })()
    state.running = run.finally(() => {
      state.running = undefined
      this.schedule(state, state.job.intervalMs + this.jitter(state.job))
    })
    return state.running
  }
}
