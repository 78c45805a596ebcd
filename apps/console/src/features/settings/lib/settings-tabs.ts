/** The tabs of the settings page, in order; the first is the default (no `?tab=` in the URL). */
export const SETTINGS_TABS = [
  { id: 'providers', label: 'Providers' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'review', label: 'Review & sessions' },
] as const

export type SettingsTab = (typeof SETTINGS_TABS)[number]['id']

/** The tab a `?tab=` value names; anything else (absent, unknown, repeated) is the first tab. */
export function tabFromQuery(value: unknown): SettingsTab {
  const found = SETTINGS_TABS.find((tab) => tab.id === value)
  return found?.id ?? SETTINGS_TABS[0].id
}

/** The `tab` query value for a tab: the default tab keeps the URL clean. */
export function tabQuery(tab: SettingsTab): string | undefined {
  return tab === SETTINGS_TABS[0].id ? undefined : tab
}

/** The tab a key press moves to in a tab list (arrows wrap; Home and End jump), or undefined. */
export function tabAfterKey(current: SettingsTab, key: string): SettingsTab | undefined {
  const index = SETTINGS_TABS.findIndex((tab) => tab.id === current)
  const count = SETTINGS_TABS.length
  const next: Record<string, number> = {
    ArrowRight: (index + 1) % count,
    ArrowLeft: (index - 1 + count) % count,
    Home: 0,
    End: count - 1,
  }
  const target = next[key]
  return target === undefined ? undefined : SETTINGS_TABS[target]?.id
}
