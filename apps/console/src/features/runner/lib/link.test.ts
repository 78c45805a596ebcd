import { describe, expect, it } from 'vitest'
import { linkOfPath } from './link.ts'

describe('linkOfPath', () => {
  it('reads launch and continuation links', () => {
    expect(linkOfPath('/r/abc.def')).toEqual({ token: 'abc.def', continuation: false })
    expect(linkOfPath('/r/abc.def/')).toEqual({ token: 'abc.def', continuation: false })
    expect(linkOfPath('/r/continue/xyz')).toEqual({ token: 'xyz', continuation: true })
  })

  it('refuses anything else', () => {
    expect(linkOfPath('/r/')).toBeNull()
    expect(linkOfPath('/r/continue')).toBeNull()
    expect(linkOfPath('/r/return/1234')).toBeNull()
    expect(linkOfPath('/flows/1')).toBeNull()
  })
})
