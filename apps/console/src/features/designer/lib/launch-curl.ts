import type { TargetName } from '@veriflow/schema'

/** The body of `POST /api/launches`. */
export interface LaunchRequest {
  flowId: string
  version?: number
  target: TargetName
  user: { externalId: string }
  returnUrl?: string
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/**
 * A copy-paste cURL example for launching a session of this flow through Veriflow's API. The API
 * key is a placeholder: an example never contains a secret.
 */
export function launchCurl(origin: string, request: LaunchRequest): string {
  const body = JSON.stringify(request, null, 2)
  return [
    `curl -X POST ${shellQuote(`${origin}/api/launches`)} \\`,
    `  -H 'Authorization: Bearer <API key>' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n')
}
