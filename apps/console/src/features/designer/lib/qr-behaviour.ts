/** One row of the OneKYC smart-QR truth table (providers.md §1.6), as the settings panel shows it. */
export interface QrBehaviour {
  allow: boolean
  force: boolean
  behaviour: string
}

export const QR_BEHAVIOUR: readonly QrBehaviour[] = [
  { allow: false, force: false, behaviour: 'QR disabled: the user continues on this device' },
  { allow: false, force: true, behaviour: 'QR always: every session moves to a phone' },
  { allow: true, force: false, behaviour: 'QR only when this device has no camera' },
  { allow: true, force: true, behaviour: 'QR always: every session moves to a phone' },
]

/** The row that applies to the current settings (absent values are false). */
export function currentQrBehaviour(
  qr: { allow?: boolean; force?: boolean } | undefined,
): QrBehaviour {
  const allow = qr?.allow ?? false
  const force = qr?.force ?? false
  return QR_BEHAVIOUR.find((row) => row.allow === allow && row.force === force) as QrBehaviour
}
