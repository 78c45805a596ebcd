import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import pino from 'pino'
import { loadConfig } from './common/config/config.ts'
import { startServer, type RunningServer } from './server.ts'

describe('startServer (embedded database)', () => {
  let dir: string
  let running: RunningServer | undefined
  afterEach(async () => {
    await running?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('creates the data folder, migrates, serves, and finishes an in-flight request when stopped', async () => {
    dir = mkdtempSync(join(tmpdir(), 'veriflow-server-'))
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'nested', 'data'),
      ADMIN_TOKEN: 'tok-0123456789abcdef0123',
    })
    running = await startServer(config, pino({ level: 'silent' }))
    const health = await fetch(`http://127.0.0.1:${running.port}/api/health`)
    expect(await health.json()).toEqual({ data: { status: 'ok', database: 'pglite' } })

    // An in-flight request: the body is still being sent when the server is asked to stop.
    const body = JSON.stringify({
      flow: { schemaVersion: 1, name: 'x', languages: ['en'], steps: [] },
    })
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: running!.port,
          method: 'POST',
          path: '/api/validate',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: 'Bearer tok-0123456789abcdef0123',
          },
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        },
      )
      req.on('error', reject)
      req.write(body.slice(0, 10))
      setTimeout(() => req.end(body.slice(10)), 300)
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const stopped = running.stop()
    const { status } = await response
    expect(status).toBeLessThan(500)
    await stopped
    // New connections are refused once stopped.
    await expect(fetch(`http://127.0.0.1:${running.port}/api/health`)).rejects.toThrow()
    running = undefined
  })
})
