import { describe, expect, it } from 'vitest'
import { launchCurl } from './launch-curl.ts'

describe('launchCurl', () => {
  it('builds a POST /api/launches example with a placeholder key', () => {
    const text = launchCurl('https://kyc.example.com', {
      flowId: 'f1',
      version: 3,
      target: 'identomat',
      user: { externalId: "o'brien" },
    })
    expect(text).toContain(`curl -X POST 'https://kyc.example.com/api/launches'`)
    expect(text).toContain(`-H 'Authorization: Bearer <API key>'`)
    expect(text).toContain(`"externalId": "o'\\''brien"`)
    const body = text.slice(text.indexOf("-d '") + 4, -1).replace(/'\\''/g, "'")
    expect(JSON.parse(body)).toEqual({
      flowId: 'f1',
      version: 3,
      target: 'identomat',
      user: { externalId: "o'brien" },
    })
  })
})
