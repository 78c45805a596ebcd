import { http } from '../../app/http.ts'
import type {
  Answers,
  Completion,
  MediaKind,
  MediaRef,
  OtpState,
  RunnerView,
} from './runner.types.ts'

/** A runner link: the token of `/r/<token>` or of a QR hand-off's `/r/continue/<token>`. */
export interface RunnerLink {
  token: string
  continuation: boolean
}

/** The claim secret and the session, from the first open of a link. */
export interface Claimed {
  claim: string
  runner: RunnerView
}

const base = (token: string) => `/runner/${encodeURIComponent(token)}`
const claimed = (claim: string) => ({ headers: { 'X-Runner-Claim': claim } })

/** Opens a link in this browser (once per link): the claim secret to keep, and the session. */
export async function claimLink(link: RunnerLink): Promise<Claimed> {
  const path = link.continuation
    ? `/runner/continue/${encodeURIComponent(link.token)}/claim`
    : `${base(link.token)}/claim`
  return (await http<Claimed>('POST', path)).data
}

export async function fetchView(token: string, claim: string): Promise<RunnerView> {
  return (await http<RunnerView>('GET', base(token), claimed(claim))).data
}

export async function saveProgress(token: string, claim: string, currentStepId: string) {
  return (
    await http<RunnerView>('PUT', `${base(token)}/progress`, {
      ...claimed(claim),
      body: { currentStepId },
    })
  ).data
}

/** A questionnaire's answers, or (`value`) a phone-number / email step's contact. */
export async function saveStep(
  token: string,
  claim: string,
  stepId: string,
  body: { answers: Answers } | { value: string },
): Promise<RunnerView> {
  const path = `${base(token)}/steps/${encodeURIComponent(stepId)}/answers`
  return (await http<RunnerView>('PUT', path, { ...claimed(claim), body })).data
}

export async function uploadCapture(
  token: string,
  claim: string,
  stepId: string,
  kind: MediaKind,
  image: Blob,
): Promise<MediaRef> {
  const path = `${base(token)}/steps/${encodeURIComponent(stepId)}/media`
  return (await http<MediaRef>('POST', path, { ...claimed(claim), body: image, query: { kind } }))
    .data
}

export async function requestOtp(token: string, claim: string, stepId: string, value?: string) {
  const path = `${base(token)}/steps/${encodeURIComponent(stepId)}/otp`
  const body = value === undefined ? {} : { value }
  return (await http<OtpState>('POST', path, { ...claimed(claim), body })).data
}

export async function verifyOtp(token: string, claim: string, stepId: string, code: string) {
  const path = `${base(token)}/steps/${encodeURIComponent(stepId)}/otp/verify`
  return (await http<RunnerView>('POST', path, { ...claimed(claim), body: { code } })).data
}

export async function completeSession(token: string, claim: string): Promise<Completion> {
  return (await http<Completion>('POST', `${base(token)}/complete`, claimed(claim))).data
}

/** A one-time link that continues this session on a phone (QR hand-off). */
export async function createHandoff(token: string, claim: string) {
  return (
    await http<{ url: string; expiresAt: string }>('POST', `${base(token)}/handoff`, claimed(claim))
  ).data
}
