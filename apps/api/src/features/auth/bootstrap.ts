import { Type } from '@sinclair/typebox'
import { ajv } from '@veriflow/schema/ajv'
import { passwordProblem } from '../../common/auth/passwords.ts'
import { SYSTEM_ACTOR } from '../../common/auth/principal.ts'
import type { AppContext } from '../../common/context.ts'
import { tokenLink } from '../../common/config/public-url.ts'
import { anyUserExists } from '../users/users.repository.ts'
import { pruneLoginFailures } from './auth.repository.ts'
import { AuthService } from './auth.service.ts'

const isEmail = ajv.compile(Type.String({ format: 'email', maxLength: 254 }))

/**
 * First start of an installation without users: ADMIN_EMAIL + ADMIN_PASSWORD create the first
 * admin; with neither those nor ADMIN_TOKEN, a one-time set-up link is logged — the only place
 * a token is ever logged, because it is the documented way in.
 */
export async function bootstrap(ctx: AppContext): Promise<void> {
  const { config, logger } = ctx
  await pruneLoginFailures(ctx.db, config.loginLockMinutes)
  if (await anyUserExists(ctx.db)) return
  const auth = new AuthService(ctx)
  if (config.adminEmail && config.adminPassword) {
    if (!isEmail(config.adminEmail)) throw new Error('ADMIN_EMAIL is not an email address')
    const problem = passwordProblem(config.adminPassword)
    if (problem) throw new Error(`ADMIN_PASSWORD ${problem}`)
    if (await auth.createFirstAdmin(config.adminEmail, config.adminPassword, SYSTEM_ACTOR))
      logger.info(
        { email: config.adminEmail.toLowerCase() },
        'first admin created from ADMIN_EMAIL',
      )
    return
  }
  if (config.adminEmail || config.adminPassword)
    logger.warn('set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin')
  if (config.adminToken) {
    logger.info('no users yet: create them with the ADMIN_TOKEN (POST /api/users)')
    return
  }
  const token = await auth.issueSetupToken()
  logger.warn(
    `Veriflow has no users yet. Open ${tokenLink(config, 'setup', token)} to create the first admin (the link works once, for 24 hours).`,
  )
}
