import type { Config } from './config.ts'

/** Where people reach this deployment: `PUBLIC_URL`, or localhost on the configured port. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`
}

/** A link into the console carrying a one-time token, e.g. `/setup?token=…`. */
export function tokenLink(config: Pick<Config, 'publicUrl' | 'port'>, page: string, token: string) {
  return `${publicBaseUrl(config)}/${page}?token=${encodeURIComponent(token)}`
}
