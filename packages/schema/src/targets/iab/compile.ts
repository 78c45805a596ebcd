import type { Flow } from '../../flow.schema.ts'
import type { Issue } from '../../issue.ts'
import { flagsOf } from '../../step.schema.ts'
import type { IabProduct } from '../../targets.schema.ts'
import { placeholder, type CompileResult, type LaunchContext } from '../types.ts'
import {
  IAB_PRODUCT_STEPS,
  IAB_THEMES,
  INITIATE_FLOW_PATH,
  type IabInitiateFlowBody,
  type IabInitiateFlowRequest,
} from './initiate-flow.ts'

/** Flags the OneKYC web flow cannot honour, with the value at which they are harmless. */
const IGNORED_FLAGS: Record<string, unknown> = {
  disable_document_capture: false,
  allow_document_upload: false,
  allow_face_upload: false,
}

function checkSteps(flow: Flow, product: IabProduct, issues: Issue[]): void {
  const expected = IAB_PRODUCT_STEPS[product]
  flow.steps.forEach((step, i) => {
    const path = `/steps/${i}`
    if (step.type !== 'identity-document' && step.type !== 'liveness') {
      issues.push({
        path,
        code: 'TARGET_UNSUPPORTED_STEP',
        message: `OneKYC runs fixed products and cannot express a "${step.type}" step`,
        severity: 'error',
      })
      return
    }
    const flags = flagsOf(step)
    if (step.type === 'liveness' && flags.liveness === true)
      issues.push({
        path: `${path}/flags/liveness`,
        code: 'TARGET_UNSUPPORTED_FLAG',
        message: 'OneKYC uses passive liveness; active liveness cannot be requested',
        severity: 'error',
      })
    const countries = flags.document_countries as string[] | undefined
    if (countries && countries.length > 0 && !(countries.length === 1 && countries[0] === 'IDN'))
      issues.push({
        path: `${path}/flags/document_countries`,
        code: 'TARGET_UNSUPPORTED_FLAG',
        message: 'OneKYC scans Indonesian KTP cards only',
        severity: 'error',
      })
    const types = flags.document_types as string[] | undefined
    if (types && types.some((type) => type !== 'id'))
      issues.push({
        path: `${path}/flags/document_types`,
        code: 'TARGET_IGNORED_FLAG',
        message: 'OneKYC scans the KTP identity card only; other document types are ignored',
        severity: 'warning',
      })
    for (const [flag, harmless] of Object.entries(IGNORED_FLAGS)) {
      if (flags[flag] !== undefined && flags[flag] !== harmless)
        issues.push({
          path: `${path}/flags/${flag}`,
          code: 'TARGET_IGNORED_FLAG',
          message: `OneKYC has no "${flag}" option; it is ignored`,
          severity: 'warning',
        })
    }
  })
  const actual = flow.steps
    .map((s) => s.type)
    .filter((t) => t === 'identity-document' || t === 'liveness')
  if (actual.join() !== expected.join())
    issues.push({
      path: flow.targets?.iab?.product !== undefined ? '/targets/iab/product' : '/steps',
      code: 'IAB_PRODUCT_STEPS_MISMATCH',
      message: `the ${product} product runs ${expected.join(' then ')}; this flow has ${actual.join(' then ') || 'none of them'}`,
      severity: 'error',
    })
}

function redirectionUrls(flow: Flow, launch: LaunchContext, issues: Issue[]) {
  const target = flow.targets?.iab
  // A launch through Veriflow passes its own return page, which must win: it records the
  // redirect parameters before sending the user on. Exports use the target's URLs, then settings.
  const success = launch.returnUrl ?? target?.successRedirectionUrl ?? flow.settings?.returnUrl
  const failure = launch.returnUrl ?? target?.failureRedirectionUrl ?? flow.settings?.returnUrl
  if (success === undefined || failure === undefined)
    issues.push({
      path: flow.targets?.iab ? '/targets/iab' : '',
      code: 'IAB_REDIRECT_URL_REQUIRED',
      message:
        "OneKYC web flows need success and failure redirection URLs: set settings.returnUrl or the target's URLs (launches through Veriflow fill them in)",
      severity: 'error',
    })
  return {
    success: success ?? placeholder('successRedirectionUrl'),
    failure: failure ?? placeholder('failureRedirectionUrl'),
  }
}

function flowCode(flow: Flow, product: IabProduct, issues: Issue[]): string {
  const configured = flow.targets?.iab?.flowCode
  if (configured) return configured
  if (product === 'FACE_VERIFICATION') return 'FACE_VERIFICATION'
  issues.push({
    path: flow.targets?.iab ? '/targets/iab' : '',
    code: 'IAB_FLOW_CODE_REQUIRED',
    message: `OneKYC's "flow" value for ${product} is not publicly documented; set targets.iab.flowCode to the value IAB issued to you`,
    severity: 'error',
  })
  return placeholder('flow')
}

function checkSettings(flow: Flow, issues: Issue[]): void {
  const settings = flow.settings ?? {}
  const identomatOnly = [
    'skipDesktop',
    'switchDeviceUrl',
    'restrictUrlSharing',
    'optionalContinueOnAnotherDevice',
    'multipleParticipants',
  ] as const
  for (const field of identomatOnly) {
    const value = settings[field]
    if (value !== undefined && value !== false && value !== '')
      issues.push({
        path: `/settings/${field}`,
        code: 'TARGET_UNSUPPORTED_SETTING',
        message: `OneKYC cannot express ${field}; it is ignored for this target`,
        severity: 'warning',
      })
  }
}

/**
 * Compiles a flow to OneKYC's Initiate Flow request (Web SDK): the body and the headers it needs.
 * Headers that hold credentials or per-launch values are placeholders until launch.
 */
export function compileForIab(
  flow: Flow,
  launch: LaunchContext = {},
): CompileResult<IabInitiateFlowRequest> {
  const issues: Issue[] = []
  const target = flow.targets?.iab
  const product = target?.product ?? 'KYC_LITE'
  checkSteps(flow, product, issues)
  checkSettings(flow, issues)
  const urls = redirectionUrls(flow, launch, issues)
  const body: IabInitiateFlowBody = {
    flow: flowCode(flow, product, issues),
    source: 'WEB_SDK',
    successRedirectionUrl: urls.success,
    failureRedirectionUrl: urls.failure,
  }
  const settings = flow.settings ?? {}
  if (settings.theme !== undefined) body.theme = IAB_THEMES[settings.theme]
  const details: IabInitiateFlowBody['additionalDetails'] = {}
  if (settings.portraitOnly !== undefined) details.portraitOnly = settings.portraitOnly
  if (settings.qr?.allow !== undefined) details.allowQr = settings.qr.allow
  if (settings.qr?.force !== undefined) details.forceQr = settings.qr.force
  if (Object.keys(details).length > 0) body.additionalDetails = details
  return {
    payload: {
      method: 'POST',
      path: INITIATE_FLOW_PATH,
      headers: {
        'content-type': 'application/json',
        'x-onekyc-token': placeholder('partner token'),
        'x-onboarding-partner': placeholder('onboarding partner code'),
        'x-partner-user-id': launch.externalId ?? placeholder('partner user id'),
        'x-partner-user-id-type': target?.partnerUserIdType ?? placeholder('partner user id type'),
        'x-partner-session-id': launch.sessionId ?? placeholder('session id (UUID)'),
      },
      body,
      launchMode: target?.launchMode ?? 'redirect',
    },
    issues,
  }
}
