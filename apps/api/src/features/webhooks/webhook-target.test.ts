import { describe, expect, it } from 'vitest'
import { guardedLookup, isNonPublicAddress, webhookUrlProblem } from './webhook-target.ts'

function lookup(allowPrivate: boolean, hostname: string) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
    guardedLookup(allowPrivate)(hostname, {}, (error, address) => resolve({ error, address })),
  )
}

describe('webhook targets', () => {
  it('tells public from non-public addresses', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])
      expect(isNonPublicAddress(address), address).toBe(false)
    for (const address of [
      '127.0.0.1',
      '10.2.3.4',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd12::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      'not-an-address',
    ])
      expect(isNonPublicAddress(address), address).toBe(true)
  })

  it('accepts public https URLs as they are', () => {
    expect(webhookUrlProblem('https://hooks.example.com/veriflow?x=1', false)).toBeUndefined()
    expect(webhookUrlProblem('https://8.8.8.8/hook', false)).toBeUndefined()
    expect(webhookUrlProblem('http://127.0.0.1:3000/hook', true)).toBeUndefined()
    expect(webhookUrlProblem(`https://example.com/${'a'.repeat(2000)}`, false)).toMatch(/longer/)
  })

  it('refuses, when connecting, a name that resolves to a non-public address', async () => {
    const refused = await lookup(false, 'localhost')
    expect(refused.error?.code).toBe('EADDRNOTALLOWED')
    expect(refused.error?.message).toMatch(/non-public address/)
    const allowed = await lookup(true, 'localhost')
    expect(allowed.error).toBeNull()
    expect(['127.0.0.1', '::1']).toContain(allowed.address)
  })
})
