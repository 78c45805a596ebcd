import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { ApiError } from '../../../app/http.ts'
import { ClaimStore, memoryStorage } from '../lib/claim-store.ts'
import * as api from '../runner.api.ts'
import type { RunnerView } from '../runner.types.ts'
import { useRunnerSession, type RunnerSessionDeps } from './useRunnerSession.ts'

vi.mock('../runner.api.ts', () => ({
  claimLink: vi.fn(),
  fetchView: vi.fn(),
  saveProgress: vi.fn(async () => ({})),
  saveStep: vi.fn(),
  uploadCapture: vi.fn(),
  requestOtp: vi.fn(),
  verifyOtp: vi.fn(),
  completeSession: vi.fn(),
  createHandoff: vi.fn(),
}))

function viewOf(over: Partial<RunnerView> = {}): RunnerView {
  return {
    sessionId: 'sess-1',
    status: 'started',
    isTest: false,
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    language: 'ka',
    device: 'launch',
    flow: {
      name: 'KYC',
      languages: ['en', 'ka'],
      settings: {
        skipDesktop: false,
        switchDeviceUrl: undefined,
        restrictUrlSharing: false,
        optionalContinueOnAnotherDevice: false,
        multipleParticipants: false,
        theme: 'system',
        portraitOnly: true,
        qr: { allow: false, force: false },
        sessionTtlMinutes: 15,
      },
      steps: [
        { id: 's1', type: 'email', key: 'email' },
        { id: 's2', type: 'phone-number', key: 'phone' },
      ],
    },
    progress: { currentStepId: 's2', steps: {} },
    handoff: { status: 'none' },
    completion: null,
    ...over,
  } as RunnerView
}

function fakeWindow() {
  return {
    parent: { postMessage: vi.fn() },
    location: { assign: vi.fn() },
    document: { documentElement: { lang: '' } },
  }
}

function start(deps: Partial<RunnerSessionDeps> = {}) {
  const win = fakeWindow()
  const store = new ClaimStore(memoryStorage())
  let session!: ReturnType<typeof useRunnerSession>
  const wrapper = mount(
    defineComponent({
      setup() {
        session = useRunnerSession({
          link: { token: 'tok', continuation: false },
          store,
          device: 'phone',
          embedded: true,
          win: win as unknown as Window,
          ...deps,
        })
        return () => null
      },
    }),
  )
  return { session, store, win, wrapper }
}

beforeEach(() => vi.clearAllMocks())
afterEach(() => vi.useRealTimers())

describe('useRunnerSession', () => {
  it('claims a fresh link, keeps the claim, and starts in the launch’s language', async () => {
    vi.mocked(api.claimLink).mockResolvedValue({ claim: 'secret', runner: viewOf() })
    const { session, store } = start()
    await session.load()
    expect(store.read('tok')?.claim).toBe('secret')
    expect(session.language.value).toBe('ka')
    expect(session.phase.value).toBe('steps')
  })

  it('resumes after a reload with the kept claim at the remembered step', async () => {
    vi.mocked(api.fetchView).mockResolvedValue(viewOf({ language: 'en' }))
    const { session, store } = start()
    store.write('tok', { claim: 'kept', language: 'ka' })
    await session.load()
    expect(api.claimLink).not.toHaveBeenCalled()
    expect(api.fetchView).toHaveBeenCalledWith('tok', 'kept')
    expect(session.currentStepId.value).toBe('s2')
    expect(session.language.value).toBe('ka')
  })

  it('a claim refused elsewhere ends on the "open elsewhere" page and forgets the claim', async () => {
    vi.mocked(api.fetchView).mockRejectedValue(
      new ApiError(403, 'RUNNER_CLAIM_INVALID', 'x', [
        { code: 'RUNNER_CLAIM_INVALID', message: 'x' },
      ]),
    )
    const { session, store } = start()
    store.write('tok', { claim: 'stale' })
    await session.load()
    expect(session.endPage.value).toBe('claimed')
    expect(store.read('tok')).toBeUndefined()
  })

  it('finishes after the last step: postMessage to the launching origin when embedded', async () => {
    vi.mocked(api.claimLink).mockResolvedValue({ claim: 'c', runner: viewOf() })
    vi.mocked(api.completeSession).mockResolvedValue({
      status: 'COMPLETED',
      sessionId: 'sess-1',
      redirectUrl: null,
      postMessageOrigin: 'https://shop.example',
    })
    const { session, win } = start()
    await session.load()
    session.advance()
    await vi.waitFor(() => expect(session.endPage.value).toBe('completed'))
    expect(win.parent.postMessage).toHaveBeenCalledWith(
      { type: 'veriflow:completed', sessionId: 'sess-1', status: 'COMPLETED', errorCode: null },
      'https://shop.example',
    )
  })

  it('a completion the API refuses sends the user to the step that misses something', async () => {
    vi.mocked(api.claimLink).mockResolvedValue({
      claim: 'c',
      runner: viewOf({ language: 'en', progress: { currentStepId: 's2', steps: {} } }),
    })
    vi.mocked(api.completeSession).mockRejectedValue(
      new ApiError(400, 'VALIDATION_FAILED', 'x', [
        { code: 'CONTACT_REQUIRED', message: 'x', path: '/steps/s1/value' },
      ]),
    )
    const { session } = start()
    await session.load()
    session.advance()
    await vi.waitFor(() => expect(session.currentStepId.value).toBe('s1'))
    expect(session.phase.value).toBe('steps')
    expect(session.notice.value).toContain('not finished')
  })

  it('the phone of a hand-off shows "done" and leaves the finish to the computer', async () => {
    vi.mocked(api.claimLink).mockResolvedValue({
      claim: 'c',
      runner: viewOf({ device: 'continue' }),
    })
    vi.mocked(api.completeSession).mockResolvedValue({
      status: 'COMPLETED',
      sessionId: 'sess-1',
      redirectUrl: 'https://shop.example/back?status=COMPLETED&session_id=sess-1',
      postMessageOrigin: null,
    })
    const { session, win } = start({ link: { token: 'tok', continuation: true } })
    await session.load()
    session.advance()
    await vi.waitFor(() => expect(session.endPage.value).toBe('phone-done'))
    expect(win.location.assign).not.toHaveBeenCalled()
  })

  it('forces a desktop to the phone when the flow says QR always', async () => {
    const view = viewOf()
    view.flow.settings.qr = { allow: false, force: true }
    vi.mocked(api.claimLink).mockResolvedValue({ claim: 'c', runner: view })
    vi.mocked(api.createHandoff).mockResolvedValue({
      url: 'http://x/r/continue/t2',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    })
    const { session } = start({ device: 'desktop' })
    await session.load()
    expect(session.phase.value).toBe('handoff')
    expect(session.handoff.state).toMatchObject({
      kind: 'handoff',
      forced: true,
      status: 'pending',
    })
    session.handoff.stop()
  })

  it('expires on time without a request, reporting SESSION_EXPIRED', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.mocked(api.claimLink).mockResolvedValue({
      claim: 'c',
      runner: viewOf({ expiresAt: new Date(Date.now() + 5_000).toISOString() }),
    })
    const { session } = start()
    await session.load()
    vi.advanceTimersByTime(5_001)
    expect(session.endPage.value).toBe('expired')
  })
})
