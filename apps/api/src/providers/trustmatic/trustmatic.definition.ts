import { Type } from '@sinclair/typebox'
import type { ProviderDefinition } from '../provider-definition.ts'

export const TrustmaticOptions = Type.Object(
  {
    resultPath: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 300,
        pattern: '^/[^\\s?#]*$',
        description:
          'Path of a result endpoint on the Trustmatic host, if your deployment has one ({sessionId} is replaced). Trustmatic publishes no result API. @default none',
      }),
    ),
    resultDecisionField: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$',
        description:
          'Dotted path of the HIGH / MEDIUM / LOW decision in the result answer. @default decision',
      }),
    ),
  },
  { additionalProperties: false },
)

/**
 * Why a user name cannot be sent with HTTP Basic auth: the first ':' of `user:password` ends the
 * user name (RFC 7617), so one inside it would silently change both. Undefined when it can.
 */
export function basicAuthUserProblem(username: string | undefined): string | undefined {
  return username?.includes(':')
    ? 'the Basic-auth user name cannot contain ":" (it separates the user name from the password)'
    : undefined
}

/** Trustmatic web enrolment (providers.md §2): hosts are per customer, so there is no default. */
export const TRUSTMATIC_DEFINITION: ProviderDefinition = {
  provider: 'trustmatic',
  label: 'Trustmatic',
  defaultBaseUrl: null,
  credentials: [
    {
      name: 'username',
      required: true,
      description: 'HTTP Basic user name for enrolment/initialize.',
    },
    {
      name: 'password',
      required: true,
      description: 'HTTP Basic password for enrolment/initialize.',
    },
  ],
  optionsSchema: TrustmaticOptions,
  optionDefaults: { resultDecisionField: 'decision' },
  urlOptions: [],
  credentialProblems: ({ username }) => {
    const problem = basicAuthUserProblem(username)
    return problem ? [{ path: '/username', message: problem }] : []
  },
  notes: [
    'Trustmatic has no public host: each customer gets its own. Set the base URL before launching.',
    'Sessions start with POST {baseUrl}/api/v1/enrolment/initialize (HTTP Basic).',
    'The session lifetime is read from the access token (JWT exp) when it decodes; otherwise it is taken as 60 minutes, inferred from the documented examples.',
    'Trustmatic publishes no result API and no callback: completion comes from the redirect or the iframe event, and the decision (HIGH / MEDIUM / LOW) is reviewed in Trustmatic unless resultPath is set.',
  ],
}
