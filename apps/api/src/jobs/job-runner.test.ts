import { describe, expect, it } from 'vitest'
import { capturingLogger } from '../../test/support/users.ts'
import { JobRunner } from './job-runner.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the job runner', () => {
  it('runs a job periodically, never two runs of it at once, and stops cleanly', async () => {
    const { logger } = capturingLogger()
    let running = 0
    let maxRunning = 0
    let runs = 0
    const runner = new JobRunner(logger).add({
      name: 'slow',
      intervalMs: 5,
      jitterMs: 0,
      run: async () => {
        running++
        maxRunning = Math.max(maxRunning, running)
        await sleep(30)
        runs++
        running--
      },
    })
    runner.start()
    // Triggers while a run is going are folded into one extra run, not run alongside.
    await sleep(10)
    await Promise.all([runner.trigger('slow'), runner.trigger('slow'), runner.trigger('slow')])
    await sleep(100)
    await runner.stop()
    const after = runs
    await sleep(60)
    expect(maxRunning).toBe(1)
    expect(runs).toBeGreaterThanOrEqual(3)
    expect(runs).toBe(after)
    expect(running).toBe(0)
  })

  it('stop aborts the signal and waits for the run in progress', async () => {
    const { logger } = capturingLogger()
    let finished = false
    let sawAbort = false
    const runner = new JobRunner(logger).add({
      name: 'long',
      intervalMs: 1_000,
      run: async (signal) => {
        while (!signal.aborted) await sleep(5)
        sawAbort = true
        await sleep(20)
        finished = true
      },
    })
    const run = runner.trigger('long')
    await sleep(20)
    await runner.stop()
    expect(sawAbort).toBe(true)
    expect(finished).toBe(true)
    await run
    // After stop nothing runs, even on request.
    await runner.trigger('long')
  })

  it('logs a failing run and keeps the job going', async () => {
    const { logger, lines } = capturingLogger()
    let calls = 0
    const runner = new JobRunner(logger).add({
      name: 'flaky',
      intervalMs: 5,
      jitterMs: 0,
      run: async () => {
        calls++
        if (calls === 1) throw new Error('database went away')
      },
    })
    runner.start()
    await sleep(80)
    await runner.stop()
    expect(calls).toBeGreaterThan(2)
    const failure = lines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.msg === 'job run failed')
    expect(failure).toMatchObject({ job: 'flaky', err: { message: 'database went away' } })
  })

  it('refuses unknown and duplicate jobs', async () => {
    const { logger } = capturingLogger()
    const runner = new JobRunner(logger).add({
      name: 'a',
      intervalMs: 10,
      run: async () => undefined,
    })
    expect(() => runner.add({ name: 'a', intervalMs: 10, run: async () => undefined })).toThrow(
      /already/,
    )
    await expect(runner.trigger('b')).rejects.toThrow(/no job/)
    expect(runner.names).toEqual(['a'])
  })
})
