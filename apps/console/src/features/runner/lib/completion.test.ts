import { describe, expect, it, vi } from 'vitest'
import { completionAction, exactOrigin, performCompletion, type SessionEnd } from './completion.ts'

const done: SessionEnd = {
  status: 'COMPLETED',
  errorCode: null,
  sessionId: 'sess-1',
  redirectUrl: null,
  postMessageOrigin: 'https://shop.example',
}
const launch = { embedded: true, device: 'launch' as const }

describe('completionAction', () => {
  it('redirects to the return URL the API filled in', () => {
    const url = 'https://shop.example/back?status=COMPLETED&session_id=sess-1'
    expect(completionAction({ ...done, redirectUrl: url }, launch)).toEqual({
      kind: 'redirect',
      url,
    })
  })

  it('embedded without a return URL: postMessage to the launching origin', () => {
    expect(completionAction(done, launch)).toEqual({
      kind: 'post-message',
      origin: 'https://shop.example',
      message: {
        type: 'veriflow:completed',
        sessionId: 'sess-1',
        status: 'COMPLETED',
        errorCode: null,
      },
    })
    expect(
      completionAction({ ...done, status: 'ERROR', errorCode: 'SESSION_EXPIRED' }, launch),
    ).toMatchObject({
      message: { type: 'veriflow:error', status: 'ERROR', errorCode: 'SESSION_EXPIRED' },
    })
  })

  it('never posts to "*", a path, or an unknown origin; shows the page instead', () => {
    for (const origin of ['*', 'https://shop.example/path', 'javascript:alert(1)', null])
      expect(completionAction({ ...done, postMessageOrigin: origin }, launch)).toEqual({
        kind: 'show',
      })
  })

  it('shows the page when not embedded, and on the phone of a hand-off', () => {
    expect(completionAction(done, { embedded: false, device: 'launch' })).toEqual({ kind: 'show' })
    expect(
      completionAction(
        { ...done, redirectUrl: 'https://shop.example/b' },
        { embedded: true, device: 'continue' },
      ),
    ).toEqual({ kind: 'show' })
  })

  it('ignores a return URL that is not http(s)', () => {
    expect(
      completionAction(
        { ...done, redirectUrl: 'javascript:alert(1)' },
        { embedded: false, device: 'launch' },
      ),
    ).toEqual({ kind: 'show' })
  })
})

describe('performCompletion', () => {
  it('posts to the parent with the exact target origin', () => {
    const postMessage = vi.fn()
    const win = { parent: { postMessage }, location: { assign: vi.fn() } } as unknown as Window
    performCompletion(completionAction(done, launch), win)
    expect(postMessage).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'veriflow:completed' }),
      'https://shop.example',
    )
  })

  it('exactOrigin accepts only a bare origin', () => {
    expect(exactOrigin('http://localhost:5173')).toBe('http://localhost:5173')
    expect(exactOrigin('http://localhost:5173/')).toBeNull()
  })
})
