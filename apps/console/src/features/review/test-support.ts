import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '../auth/auth.store.ts'
import type { Role } from '../auth/auth.api.ts'
import type { SessionDetail, SessionMedia } from './review.api.ts'

/** Test helpers for the review feature (not collected: no `.test.` suffix). */

/** A fresh Pinia signed in as `role` with `permissions`. */
export function signedInAs(
  role: Role,
  permissions = ['sessions:read', 'sessions:decide'],
  id = 'u-reviewer',
): void {
  setActivePinia(createPinia())
  const auth = useAuthStore()
  auth.me = { user: { id, email: `${id}@example.com`, name: id, role }, permissions }
  auth.loaded = true
}

export function media(overrides: Partial<SessionMedia> = {}): SessionMedia {
  const id = overrides.id ?? 'm-front'
  return {
    id,
    stepId: 's_doc',
    kind: 'document_front',
    contentType: 'image/png',
    size: 2048,
    createdAt: '2026-03-05T10:00:01.000Z',
    url: `/api/sessions/s-1/media/${id}`,
    ...overrides,
  }
}

/** A completed, undecided sandbox session with a questionnaire, a document and operator checks. */
export function sessionDetail(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: 's-1',
    flow: { id: 'f-1', name: 'Seller onboarding', version: 3 },
    isTest: false,
    target: 'sandbox',
    status: 'completed',
    outcome: 'review_needed',
    decision: null,
    decisionReason: null,
    decidedBy: null,
    decidedAt: null,
    pendingDecision: null,
    externalUserId: 'seller-42',
    userDetails: null,
    language: 'en',
    languages: ['en', 'ka'],
    sessionLanguage: 'en',
    returnUrl: null,
    providerRef: null,
    error: null,
    createdBy: 'ADMIN_TOKEN',
    createdAt: '2026-03-05T10:00:00.000Z',
    startedAt: '2026-03-05T10:00:00.500Z',
    submittedAt: '2026-03-05T10:00:02.000Z',
    completedAt: '2026-03-05T10:00:02.000Z',
    expiresAt: '2026-03-05T11:00:00.000Z',
    timeline: [],
    steps: [
      {
        stepId: 's_doc',
        type: 'identity-document',
        key: 'doc',
        title: 'Your ID',
        collected: true,
        media: ['m-front', 'm-back'],
      },
      {
        stepId: 's_form',
        type: 'user-questionnaire',
        key: 'form',
        title: 'About you',
        collected: true,
        media: [],
        questions: [
          {
            questionId: 'q_kind',
            key: 'kind',
            type: 'options',
            title: 'You sell as',
            mandatory: true,
            shown: true,
            explanation: 'always shown',
            answer: 'o_company',
            answerText: 'A company',
          },
          {
            questionId: 'q_company',
            key: 'company',
            type: 'string',
            title: 'Company name',
            mandatory: true,
            shown: true,
            explanation: 'shown because You sell as = A company',
            answer: 'Acme',
            answerText: 'Acme',
          },
        ],
      },
      {
        stepId: 's_ops',
        type: 'operator-questionnaire',
        key: 'checks',
        title: 'Review checks',
        collected: false,
        media: [],
        questions: [
          {
            questionId: 'q_docs',
            key: 'docs',
            type: 'options',
            title: 'Documents fine?',
            mandatory: true,
            shown: true,
            explanation: 'always shown',
            answer: null,
            answerText: null,
          },
          {
            questionId: 'q_problem',
            key: 'problem',
            type: 'string',
            title: 'What is wrong?',
            mandatory: true,
            shown: false,
            explanation: 'hidden because Documents fine? = No does not hold',
            answer: null,
            answerText: null,
          },
        ],
      },
    ],
    media: [media(), media({ id: 'm-back', kind: 'document_back' })],
    operatorAnswers: {},
    result: { provider: 'sandbox', verified: false },
    rawResult: null,
    ...overrides,
  }
}
