import { Type } from '@sinclair/typebox'
import type { ProviderDefinition } from '../provider-definition.ts'

/** Identomat: the documented host, the company key, optional HMAC and callback keys (providers.md §3). */
export const IDENTOMAT_DEFINITION: ProviderDefinition = {
  provider: 'identomat',
  label: 'Identomat',
  defaultBaseUrl: 'https://widget.identomat.com',
  credentials: [
    {
      name: 'company_key',
      required: true,
      description: 'The company key (dashboard: Settings > Integration > API), sent in every call.',
    },
    {
      name: 'secret_key',
      required: false,
      description:
        'The HMAC secret that comes with the company key. When set, requests are signed and every successful answer must carry a valid signature.',
    },
    {
      name: 'callback_api_key',
      required: false,
      description:
        'The Callback API key of the Identomat company settings. Callbacks are refused until it is set.',
    },
  ],
  optionsSchema: Type.Object({}, { additionalProperties: false }),
  optionDefaults: {},
  urlOptions: [],
  notes: [
    'Sessions start with POST {baseUrl}/external-api/begin/ (the API reference path; the developer guide shows /begin/).',
    'The widget URL {baseUrl}/?session_token=<token> is confirmed from public code, not from the docs.',
    'Results come from POST {baseUrl}/external-api/result/. Only "approved" and "rejected" are documented; any other result is treated as not final.',
    'Callbacks are authenticated by their callbackApiKey. No result callback is documented, so a callback never carries a verdict.',
  ],
}
