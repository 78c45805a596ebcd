import type { TargetName } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import { sha256 } from '../../common/auth/tokens.ts'
import type { Config } from '../../common/config/config.ts'
import { publicBaseUrl } from '../../common/config/public-url.ts'
import type { DB } from '../../common/db/tables.ts'
import type {
  LaunchInput,
  LaunchOutput,
  ProviderAdapter,
  ProviderResult,
  ProviderSession,
} from '../provider.types.ts'
import type { RunnerTokens } from './runner-token.ts'

export interface SandboxAdapterDeps {
  db: Kysely<DB>
  config: Pick<Config, 'publicUrl' | 'port'>
  tokens: RunnerTokens
}

/** The runner page's link for a launch or continuation token. */
export function runnerUrl(
  config: Pick<Config, 'publicUrl' | 'port'>,
  token: string,
  continuation = false,
): string {
  return `${publicBaseUrl(config)}/r/${continuation ? 'continue/' : ''}${encodeURIComponent(token)}`
}

/**
 * Veriflow's own provider: the sandbox runner. A launch signs a single-use runner token that
 * expires with the session and keeps only its SHA-256 on the session; the user's answers and
 * captures arrive through the runner API, so results are read from the session itself.
 */
export class SandboxAdapter implements ProviderAdapter {
  readonly target: TargetName = 'sandbox'

  constructor(private readonly deps: SandboxAdapterDeps) {}

  async launch(input: LaunchInput): Promise<LaunchOutput> {
    const session = await this.deps.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('id', '=', input.sessionId)
      .executeTakeFirstOrThrow()
    const token = this.deps.tokens.issue('launch', input.sessionId, session.expires_at)
    await this.deps.db
      .updateTable('sessions')
      .set({ runner_token_hash: sha256(token) })
      .where('id', '=', input.sessionId)
      .execute()
    return {
      providerRef: null,
      launchUrl: runnerUrl(this.deps.config, token),
      expiresAt: session.expires_at,
    }
  }

  async fetchResult(session: ProviderSession): Promise<ProviderResult> {
    const row = await this.deps.db
      .selectFrom('sessions')
      .select(['status', 'outcome', 'result'])
      .where('id', '=', session.id)
      .executeTakeFirst()
    const final = row?.status === 'completed'
    return {
      final,
      outcome: final ? (row.outcome ?? null) : null,
      summary: row?.result ?? {},
      raw: null,
    }
  }
}
