import { Type } from '@sinclair/typebox'
import { INITIATE_FLOW_PATH } from '@veriflow/schema'
import { allowListEntryProblem } from '../callback-auth.ts'
import type { ProviderDefinition } from '../provider-definition.ts'

/**
 * The one documented partner-token contract (the Esign product's token gateway, staging):
 * `GET /v1/esign/partner/authentication` with `client-id` / `pass-key` (providers.md §1.4).
 * The CoE web path is not confirmed, hence the `tokenUrl` option.
 */
export const DEFAULT_TOKEN_URL =
  'https://onekyc-token.staging.gopayapi.com/v1/esign/partner/authentication'

/** Get Submission Details (documented, providers.md §1.9). */
export const SUBMISSIONS_PATH = '/coe-partner/v1/submissions'

const Path = Type.String({ minLength: 1, maxLength: 300, pattern: '^/[^\\s?#]*$' })

export const IabOptions = Type.Object(
  {
    tokenUrl: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2048,
        description: `Full URL of the partner-token endpoint. @default ${DEFAULT_TOKEN_URL} (the Esign contract; the CoE path is not publicly confirmed)`,
      }),
    ),
    tokenMethod: Type.Optional(
      Type.Union([Type.Literal('GET'), Type.Literal('POST')], {
        description:
          'HTTP method of the partner-token call. @default GET (as documented for Esign)',
      }),
    ),
    initiateFlowPath: Type.Optional({
      ...Path,
      description: `Path of Initiate Flow on the gateway. @default ${INITIATE_FLOW_PATH} (inferred from the reference page slug)`,
    }),
    callbackAllowedIps: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 64 }), {
        maxItems: 100,
        description:
          'IP addresses or CIDR ranges OneKYC callbacks may come from (callback authentication is undocumented). @default []',
      }),
    ),
  },
  { additionalProperties: false },
)

/** GoPay OneKYC ("IAB") CoE web flows (providers.md §1). */
export const IAB_DEFINITION: ProviderDefinition = {
  provider: 'iab',
  label: 'GoPay OneKYC (IAB)',
  defaultBaseUrl: 'https://onekyc.ky.id.sandbox.gopayapi.com',
  credentials: [
    { name: 'client_id', required: true, description: 'client-id issued by IAB (a UUID).' },
    { name: 'pass_key', required: true, description: 'pass-key issued by IAB (a UUID).' },
    {
      name: 'onboarding_partner',
      required: true,
      description:
        'The onboarding partner code IAB issued (PARTNER_CODE-PLATFORM-FLOW), sent as x-onboarding-partner.',
    },
    {
      name: 'callback_secret',
      required: false,
      description:
        'A shared secret IAB sends with callbacks as "Authorization: Bearer <secret>" or "X-Callback-Secret" (agree it with IAB: their scheme is undocumented).',
    },
  ],
  optionsSchema: IabOptions,
  optionDefaults: {
    tokenUrl: DEFAULT_TOKEN_URL,
    tokenMethod: 'GET',
    initiateFlowPath: INITIATE_FLOW_PATH,
    callbackAllowedIps: [],
  },
  urlOptions: ['tokenUrl'],
  optionProblems: (options) => {
    const entries = Array.isArray(options.callbackAllowedIps) ? options.callbackAllowedIps : []
    return entries.flatMap((entry: unknown, i) => {
      const problem = typeof entry === 'string' ? allowListEntryProblem(entry) : undefined
      return problem ? [{ path: `/callbackAllowedIps/${i}`, message: `"${entry}" ${problem}` }] : []
    })
  },
  notes: [
    `The CoE partner-token endpoint is not publicly confirmed: tokenUrl defaults to the one documented token contract (Esign, GET ${DEFAULT_TOKEN_URL} with client-id / pass-key). Set it to the endpoint IAB gave you.`,
    `The Initiate Flow path ${INITIATE_FLOW_PATH} is inferred from the API reference page slug; override initiateFlowPath if IAB says otherwise.`,
    'The default base URL is the sandbox gateway; the production gateway host is not public.',
    'The Initiate Flow answer envelope is undocumented: the launch URL is read from launchUrl or data.launchUrl. The launch URL lifetime is undocumented too: sessions expire after the flow’s sessionTtlMinutes.',
    'The Get Submission Details body is undocumented: result (VALID / INVALID) and reasonCode are read from the top level or from data.',
    'Callback authentication is undocumented: callbacks are refused until callback_secret and/or callbackAllowedIps is set. A callback never decides a session by itself; the verdict is confirmed with Get Submission Details.',
  ],
}
