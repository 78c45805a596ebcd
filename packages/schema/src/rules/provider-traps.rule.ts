import { asRecord, stepPath, type Rule } from './context.ts'

/** `allow_face_upload` does nothing with active liveness (Identomat guide). */
export const faceUploadWithActiveLiveness: Rule = (ctx) => {
  for (let i = 0; i < ctx.steps.length; i++) {
    const step = ctx.step(i)
    const flags = asRecord(step?.flags)
    if (step?.type === 'liveness' && flags.liveness === true && flags.allow_face_upload === true)
      ctx.report(
        stepPath(i) + '/flags/allow_face_upload',
        'FLAG_NO_EFFECT',
        'allow_face_upload has no effect with active liveness (users must follow instructions)',
        'warning',
      )
  }
}

/** `restrict_url_sharing` hides the camera-denied QR code unless `switch_device_url` is set. */
export const restrictedSharingHidesQr: Rule = (ctx) => {
  const settings = asRecord(ctx.doc.settings)
  if (settings.restrictUrlSharing === true && !settings.switchDeviceUrl)
    ctx.report(
      '/settings/restrictUrlSharing',
      'RESTRICT_URL_SHARING_HIDES_QR',
      'with restricted URL sharing and no switch-device URL, users whose camera fails get no QR code to continue on a phone',
      'warning',
    )
}

const SKIP_FLAGS = [
  {
    type: 'identity-document',
    flag: 'skip_document',
    code: 'IDENTOMAT_SKIP_DOCUMENT_MISSING',
    what: 'identity-document',
  },
  { type: 'liveness', flag: 'skip_face', code: 'IDENTOMAT_SKIP_FACE_MISSING', what: 'liveness' },
] as const

/** Identomat adds its own document / liveness steps unless `skip_document` / `skip_face` are set. */
export const identomatSkipFlags: Rule = (ctx) => {
  const identomat = asRecord(asRecord(ctx.doc.targets).identomat)
  if (identomat.enabled !== true) return
  for (const { type, flag, code, what } of SKIP_FLAGS) {
    if (identomat[flag] === true) continue
    const i = ctx.steps.findIndex((step) => asRecord(step).type === type)
    if (i >= 0)
      ctx.report(
        stepPath(i),
        code,
        `Identomat may add its own ${what} step too; set targets.identomat.${flag}`,
        'warning',
      )
  }
}

/** A flow without steps verifies nothing. */
export const flowHasSteps: Rule = (ctx) => {
  if (Array.isArray(ctx.doc.steps) && ctx.doc.steps.length === 0)
    ctx.report('/steps', 'FLOW_EMPTY', 'this flow has no steps', 'warning')
}
