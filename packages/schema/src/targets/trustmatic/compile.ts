import type { Flow } from '../../flow.schema.ts'
import type { Issue } from '../../issue.ts'
import { flagsOf } from '../../step.schema.ts'
import { placeholder, type CompileResult, type LaunchContext } from '../types.ts'

/** `POST /api/v1/enrolment/initialize` (providers.md §2.2). */
export const INITIALIZE_PATH = '/api/v1/enrolment/initialize'

export interface TrustmaticInitializeBody {
  sessionId: string
  returnUrl: string
  externalId?: string
  skipIntegrityCheck?: boolean
}

export interface TrustmaticEnrolment {
  request: {
    method: 'POST'
    path: string
    headers: Record<string, string>
    body: TrustmaticInitializeBody
  }
  /** Appended to the returned `webEnrolmentUrl` (seed 003). */
  launchUrlParameters: Record<string, string>
  integrationMode: 'redirect' | 'iframe' | 'directProcessing'
}

const ENROLMENT_STEPS = ['identity-document', 'liveness'] as const

function checkSteps(flow: Flow, issues: Issue[]): void {
  flow.steps.forEach((step, i) => {
    const path = `/steps/${i}`
    if (!(ENROLMENT_STEPS as readonly string[]).includes(step.type)) {
      issues.push({
        path,
        code: 'TARGET_UNSUPPORTED_STEP',
        message: `Trustmatic's web enrolment runs document then face capture and cannot express a "${step.type}" step`,
        severity: 'error',
      })
      return
    }
    const flags = flagsOf(step)
    for (const [flag, value] of Object.entries(flags)) {
      const harmless = Array.isArray(value) ? value.length === 0 : value === false
      if (!harmless)
        issues.push({
          path: `${path}/flags/${flag}`,
          code: 'TARGET_IGNORED_FLAG',
          message: `Trustmatic's step list is server-side configuration; "${flag}" is ignored`,
          severity: 'warning',
        })
    }
  })
  const order = flow.steps
    .map((s) => s.type)
    .filter((t) => (ENROLMENT_STEPS as readonly string[]).includes(t))
  if (order.join() !== ENROLMENT_STEPS.join())
    issues.push({
      path: '/steps',
      code: 'TRUSTMATIC_STEPS_FIXED',
      message:
        'Trustmatic runs its configured steps (standard: document capture, then face capture); this flow has ' +
        (order.join(' then ') || 'neither'),
      severity: 'warning',
    })
}

function urlParameters(flow: Flow, issues: Issue[]): Record<string, string> {
  const target = flow.targets?.trustmatic
  const mode = target?.integrationMode ?? 'redirect'
  const params: Record<string, string> = {}
  if (mode === 'iframe') params.iframe = 'true'
  if (target?.lang !== undefined) params.lang = target.lang
  for (const name of ['crossDevice', 'onlyMobile'] as const) {
    const value = target?.[name]
    if (value === undefined) continue
    if (mode !== 'iframe')
      issues.push({
        path: `/targets/trustmatic/${name}`,
        code: 'TRUSTMATIC_IFRAME_ONLY',
        message: `${name} works only in iframe mode`,
        severity: 'error',
      })
    else params[name] = String(value)
  }
  return params
}

/**
 * Compiles a flow to Trustmatic's web-enrolment initialize request and launch URL parameters.
 * Basic-auth credentials and per-launch ids are placeholders until launch.
 */
export function compileForTrustmatic(
  flow: Flow,
  launch: LaunchContext = {},
): CompileResult<TrustmaticEnrolment> {
  const issues: Issue[] = []
  checkSteps(flow, issues)
  const target = flow.targets?.trustmatic
  const returnUrl = launch.returnUrl ?? flow.settings?.returnUrl
  if (returnUrl === undefined)
    issues.push({
      path: target ? '/targets/trustmatic' : '',
      code: 'TRUSTMATIC_RETURN_URL_REQUIRED',
      message:
        'Trustmatic needs a returnUrl: set settings.returnUrl (launches through Veriflow fill it in)',
      severity: 'error',
    })
  const body: TrustmaticInitializeBody = {
    sessionId: launch.sessionId ?? placeholder('session id (GUID)'),
    returnUrl: returnUrl ?? placeholder('returnUrl'),
    externalId: launch.externalId ?? placeholder('external id'),
  }
  if (target?.skipIntegrityCheck !== undefined) body.skipIntegrityCheck = target.skipIntegrityCheck
  return {
    payload: {
      request: {
        method: 'POST',
        path: INITIALIZE_PATH,
        headers: {
          authorization: placeholder('Basic base64(username:password)'),
          'content-type': 'application/json',
        },
        body,
      },
      launchUrlParameters: urlParameters(flow, issues),
      integrationMode: target?.integrationMode ?? 'redirect',
    },
    issues,
  }
}
