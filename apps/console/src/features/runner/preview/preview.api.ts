import { http } from '../../../app/http.ts'

/** A launched sandbox session: the link to open on a phone, and until when it works. */
export interface TestLaunch {
  sessionId: string
  launchUrl: string
  expiresAt: string
}

/** Launches the flow's current draft on the sandbox (a test session). */
export async function launchTestSession(flowId: string): Promise<TestLaunch> {
  const { data } = await http<TestLaunch>('POST', '/launches', {
    body: {
      flowId,
      version: 'draft',
      target: 'sandbox',
      user: { externalId: `designer-test-${Date.now().toString(36)}` },
    },
  })
  return data
}
