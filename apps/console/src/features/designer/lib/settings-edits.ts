import type { Flow, Settings, TargetName } from '@veriflow/schema'

function isUnset(value: unknown, defaultValue: unknown): boolean {
  return (
    value === undefined || value === '' || (defaultValue !== undefined && value === defaultValue)
  )
}

/**
 * The flow with session setting `name` set. A value equal to the documented default, or empty,
 * removes it (an absent setting takes the default); an empty settings object is removed too.
 */
export function withSetting(doc: Flow, name: string, value: unknown, defaultValue?: unknown): Flow {
  const settings: Record<string, unknown> = { ...(doc.settings ?? {}) }
  if (isUnset(value, defaultValue)) delete settings[name]
  else settings[name] = value
  const next: Flow = { ...doc, settings: settings as Settings }
  if (Object.keys(settings).length === 0) delete next.settings
  return next
}

/** The flow with `settings.qr.allow` or `.force` set (false, the default, removes it). */
export function withQr(doc: Flow, field: 'allow' | 'force', value: boolean): Flow {
  const qr: Record<string, boolean> = { ...(doc.settings?.qr ?? {}) }
  if (value) qr[field] = true
  else delete qr[field]
  return withSetting(doc, 'qr', Object.keys(qr).length > 0 ? qr : undefined)
}

/**
 * The flow with option `name` of target `target` set. A target always keeps `enabled` (the
 * schema requires it), so setting an option on an absent target adds it disabled; options at
 * their default are removed.
 */
export function withTargetOption(
  doc: Flow,
  target: TargetName,
  name: string,
  value: unknown,
  defaultValue?: unknown,
): Flow {
  const current: Record<string, unknown> = {
    enabled: false,
    ...((doc.targets?.[target] as Record<string, unknown> | undefined) ?? {}),
  }
  if (name === 'enabled') current.enabled = value === true
  else if (isUnset(value, defaultValue)) delete current[name]
  else current[name] = value
  return { ...doc, targets: { ...(doc.targets ?? {}), [target]: current } }
}

/** The flow with its name or description changed (an empty description is removed). */
export function withFlowField(doc: Flow, name: 'name' | 'description', value: string): Flow {
  const next: Flow = { ...doc, [name]: value }
  if (name === 'description' && value === '') delete next.description
  return next
}

/** The flow with another language list (the first is the default). */
export function withLanguages(doc: Flow, languages: string[]): Flow {
  return { ...doc, languages }
}
