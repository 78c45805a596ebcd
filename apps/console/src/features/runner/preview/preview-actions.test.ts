import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import { previewActions } from './preview-actions.ts'

describe('previewActions (nothing stored or sent)', () => {
  it('keeps answers with the preview and sends nothing', async () => {
    const fetchSpy = vi.fn()
    vi.stubGlobal('fetch', fetchSpy)
    const kept = vi.fn()
    const actions = previewActions(kept)
    await actions.saveAnswers('s1', { q1: 'x' })
    await actions.saveContact('s2', '+995555')
    const otp = await actions.requestOtp('s2', '+995555')
    await actions.verifyOtp('s2', '123456')
    const media = await actions.upload('s3', 'selfie', new Blob(['x'], { type: 'image/jpeg' }))
    expect(kept).toHaveBeenCalledWith('s1', { q1: 'x' })
    expect(otp).toMatchObject({ destination: '+995555', attemptsLeft: 5, verified: false })
    expect(media).toMatchObject({ kind: 'selfie', contentType: 'image/jpeg' })
    expect(fetchSpy).not.toHaveBeenCalled()
    vi.unstubAllGlobals()
  })

  it('refuses a code that is not six digits, like a wrong code', async () => {
    await expect(previewActions(() => undefined).verifyOtp('s', '12')).rejects.toBeInstanceOf(
      ApiError,
    )
  })
})
