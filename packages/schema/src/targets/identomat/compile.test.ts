import { describe, expect, it } from 'vitest'
import type { Flow } from '../../flow.schema.ts'
import type { Question } from '../../questionnaire.schema.ts'
import { flagsOf, type Step } from '../../step.schema.ts'
import { compile } from '../compile.ts'
import { compileForIdentomat } from './compile.ts'

function flowWith(fields: Partial<Flow> = {}): Flow {
  return { schemaVersion: 1, name: 'Identomat test', languages: ['en'], steps: [], ...fields }
}

/** Compiles through `compile` (so the fixture must be valid) and returns the payload. */
function payloadOf(flow: Flow, launch = {}) {
  const result = compile(flow, 'identomat', launch)
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([])
  expect(result.payload).not.toBeNull()
  return result.payload!
}

const employment: Question = {
  id: 'q_employment',
  type: 'options',
  key: 'employment',
  title: 'Employment',
  options: [
    { id: 'o_employed', key: 'employed', title: 'Employed' },
    { id: 'o_other', key: 'other' },
  ],
}

function questionnaire(
  questions: Question[],
  type: 'user-questionnaire' | 'operator-questionnaire' = 'user-questionnaire',
): Step {
  return { id: 's_form', type, key: 'form', questions } as Step
}

describe('compileForIdentomat: session flags', () => {
  it('emits every session flag under its Identomat name', () => {
    const payload = payloadOf(
      flowWith({
        languages: ['ka', 'en'],
        settings: {
          returnUrl: 'https://example.com/done',
          skipDesktop: true,
          switchDeviceUrl: 'https://example.com/phone',
          restrictUrlSharing: true,
          optionalContinueOnAnotherDevice: true,
          multipleParticipants: false,
        },
        targets: { identomat: { enabled: true, skip_face: true, skip_document: false } },
      }),
    )
    expect(payload.flags).toEqual({
      skip_face: true,
      skip_document: false,
      return_url: 'https://example.com/done',
      language: 'ka',
      skip_desktop: true,
      switch_device_url: 'https://example.com/phone',
      restrict_url_sharing: true,
      optional_continue_on_another_device: true,
      multiple_participants: false,
    })
  })

  it('emits every legacy flag at the top level of flags, and config_id next to flags', () => {
    const legacyFlags = {
      liveness: true,
      document_types: ['passport'],
      document_countries: ['GEO'],
      general_document_types: ['utility_bill'],
      allow_document_upload: true,
      allow_general_document_capture: false,
      allow_general_document_upload: true,
      skip_agreement: true,
    }
    const payload = payloadOf(
      flowWith({ targets: { identomat: { enabled: true, config_id: 'cfg-42', legacyFlags } } }),
    )
    expect(payload.config_id).toBe('cfg-42')
    expect(payload.flags).toEqual({ language: 'en', ...legacyFlags })
  })

  it('emits nothing for absent settings: only the language and the placeholder company_key', () => {
    const payload = payloadOf(
      flowWith({ steps: [{ id: 's_mail', type: 'email', key: 'require_email' }] }),
    )
    expect(payload).toEqual({
      company_key: '<company_key>',
      flags: { language: 'en' },
      steps: [{ type: 'email', key: 'require_email' }],
    })
    expect('config_id' in payload).toBe(false)
  })

  it('writes company_key as the placeholder <company_key>, never a value from the flow', () => {
    expect(payloadOf(flowWith()).company_key).toBe('<company_key>')
  })

  it('omits language when sendLanguage is false', () => {
    const payload = payloadOf(
      flowWith({
        languages: ['ka'],
        targets: { identomat: { enabled: true, sendLanguage: false } },
      }),
    )
    expect(payload.flags).toEqual({})
  })

  it('sends the first language when sendLanguage is true', () => {
    const payload = payloadOf(
      flowWith({
        languages: ['ka', 'en'],
        targets: { identomat: { enabled: true, sendLanguage: true } },
      }),
    )
    expect(payload.flags).toEqual({ language: 'ka' })
  })

  it('lets LaunchContext.returnUrl override settings.returnUrl', () => {
    const flow = flowWith({ settings: { returnUrl: 'https://example.com/settings' } })
    expect(payloadOf(flow, { returnUrl: 'https://example.com/launch' }).flags.return_url).toBe(
      'https://example.com/launch',
    )
    expect(payloadOf(flow).flags.return_url).toBe('https://example.com/settings')
    expect(
      payloadOf(flowWith(), { returnUrl: 'https://example.com/launch' }).flags.return_url,
    ).toBe('https://example.com/launch')
  })
})

describe('compileForIdentomat: steps', () => {
  const flagSteps: Step[] = [
    {
      id: 's1',
      type: 'identity-document',
      key: 'identity-document',
      title: 'Your ID',
      flags: {
        disable_document_capture: true,
        allow_document_upload: true,
        document_types: ['id', 'passport'],
        document_countries: ['GEO', 'USA'],
      },
    },
    {
      id: 's2',
      type: 'liveness',
      key: 'liveness',
      flags: { liveness: false, allow_face_upload: true },
    },
    {
      id: 's3',
      type: 'general-document',
      key: 'select_general_document',
      flags: { general_document_types: ['utility_bill', 'bank_statement'] },
    },
    {
      id: 's4',
      type: 'face-document',
      key: 'capture_face_document',
      flags: { allow_face_doc_upload: true, require_face_document: false },
    },
    {
      id: 's5',
      type: 'phone-number',
      key: 'phone_number',
      flags: { require_phone_number_check: true, require_phone_number: false },
    },
    {
      id: 's6',
      type: 'email',
      key: 'require_email',
      flags: { require_email_check: false, require_email: true },
    },
  ]

  it.each(flagSteps.map((step) => [step.type, step] as const))(
    'emits every %s flag under its Identomat name',
    (_type, step) => {
      const payload = payloadOf(flowWith({ steps: [step] }))
      const expected: Record<string, unknown> = {
        type: step.type,
        key: step.key,
        flags: flagsOf(step),
      }
      if (step.title !== undefined) expected.title = step.title
      expect(payload.steps).toEqual([expected])
    },
  )

  it('emits a step without flags without a flags object', () => {
    const payload = payloadOf(
      flowWith({ steps: [{ id: 's1', type: 'liveness', key: 'selfie', title: { en: 'Selfie' } }] }),
    )
    expect(payload.steps).toEqual([{ type: 'liveness', key: 'selfie', title: { en: 'Selfie' } }])
  })

  it('copies flags rather than sharing them with the flow', () => {
    const flow = flowWith({
      steps: [{ id: 's1', type: 'liveness', key: 'liveness', flags: { liveness: true } }],
    })
    const payload = payloadOf(flow)
    payload.steps[0]!.flags!.liveness = false
    expect(flow.steps[0]).toMatchObject({ flags: { liveness: true } })
  })

  describe('video-call options', () => {
    const videoCall: Step = {
      id: 's_vc',
      type: 'video-call',
      key: 'video-call',
      flags: { resetSteps: true, hideCameraOption: false, nameRequired: true },
    }

    it('puts them on the step by default', () => {
      expect(payloadOf(flowWith({ steps: [videoCall] })).steps).toEqual([
        {
          type: 'video-call',
          key: 'video-call',
          resetSteps: true,
          hideCameraOption: false,
          nameRequired: true,
        },
      ])
    })

    it('puts them on the step with videoCallOptionsPlacement "step"', () => {
      const flow = flowWith({
        steps: [videoCall],
        targets: { identomat: { enabled: true, videoCallOptionsPlacement: 'step' } },
      })
      expect(payloadOf(flow).steps).toEqual([
        {
          type: 'video-call',
          key: 'video-call',
          resetSteps: true,
          hideCameraOption: false,
          nameRequired: true,
        },
      ])
    })

    it('puts them in flags with videoCallOptionsPlacement "flags"', () => {
      const flow = flowWith({
        steps: [videoCall],
        targets: { identomat: { enabled: true, videoCallOptionsPlacement: 'flags' } },
      })
      expect(payloadOf(flow).steps).toEqual([
        {
          type: 'video-call',
          key: 'video-call',
          flags: { resetSteps: true, hideCameraOption: false, nameRequired: true },
        },
      ])
    })

    it('emits only the options that are set', () => {
      const flow = flowWith({
        steps: [{ id: 's_vc', type: 'video-call', key: 'call', flags: { nameRequired: false } }],
      })
      expect(payloadOf(flow).steps).toEqual([
        { type: 'video-call', key: 'call', nameRequired: false },
      ])
      const none = flowWith({ steps: [{ id: 's_vc', type: 'video-call', key: 'call' }] })
      expect(payloadOf(none).steps).toEqual([{ type: 'video-call', key: 'call' }])
    })
  })

  it('emits a user questionnaire with its title, description, button title and every question field', () => {
    const step: Step = {
      id: 's_form',
      type: 'user-questionnaire',
      key: 'source_of_funds',
      title: { en: 'Source of funds', ka: 'წყარო' },
      description: 'Tell us',
      successButtonTitle: 'Continue',
      questions: [
        { ...employment, mandatory: true, readOnly: false },
        {
          id: 'q_name',
          type: 'string',
          key: 'employer',
          title: 'Employer',
          answer: 'ACME',
          readOnly: true,
        },
      ],
    }
    const payload = payloadOf(flowWith({ languages: ['en', 'ka'], steps: [step] }))
    expect(payload.steps).toEqual([
      {
        type: 'user-questionnaire',
        key: 'source_of_funds',
        title: { en: 'Source of funds', ka: 'წყარო' },
        description: 'Tell us',
        successButtonTitle: 'Continue',
        questions: [
          {
            type: 'options',
            key: 'employment',
            title: 'Employment',
            mandatory: true,
            readOnly: false,
            options: [{ key: 'employed', title: 'Employed' }, { key: 'other' }],
          },
          { type: 'string', key: 'employer', title: 'Employer', answer: 'ACME', readOnly: true },
        ],
      },
    ])
  })

  it('emits an operator questionnaire without a button title', () => {
    const payload = payloadOf(
      flowWith({
        steps: [
          {
            id: 's_op',
            type: 'operator-questionnaire',
            key: 'review',
            questions: [{ id: 'q1', type: 'string', key: 'notes' }],
          },
        ],
      }),
    )
    expect(payload.steps).toEqual([
      {
        type: 'operator-questionnaire',
        key: 'review',
        questions: [{ type: 'string', key: 'notes' }],
      },
    ])
  })

  it('warns that a translated successButtonTitle may not be shown', () => {
    const flow = flowWith({
      steps: [
        {
          id: 's',
          type: 'user-questionnaire',
          key: 'q',
          successButtonTitle: { en: 'Go' },
          questions: [{ id: 'q1', type: 'string', key: 'a' }],
        },
      ],
    })
    const result = compile(flow, 'identomat')
    expect(result.issues).toEqual([
      expect.objectContaining({
        path: '/steps/0/successButtonTitle',
        code: 'TARGET_UNSUPPORTED_LOCALIZATION',
        severity: 'warning',
      }),
    ])
    expect(result.payload!.steps[0]!.successButtonTitle).toEqual({ en: 'Go' })
  })
})

describe('compileForIdentomat: answers and conditions use option keys', () => {
  const income: Question = {
    id: 'q_income',
    type: 'multiple-choice',
    key: 'income',
    options: [
      { id: 'o_salary', key: 'salary' },
      { id: 'o_dividends', key: 'dividends' },
      { id: 'o_savings', key: 'savings' },
    ],
  }

  function conditionalFlow(): Flow {
    return flowWith({
      steps: [
        questionnaire([
          { ...employment, answer: 'o_other' },
          { ...income, answer: ['o_savings', 'o_salary'] },
          {
            id: 'q_employer',
            type: 'string',
            key: 'employer',
            showWhen: { all: [{ question: 'q_employment', op: 'equals', value: 'o_employed' }] },
          },
          {
            id: 'q_div',
            type: 'string',
            key: 'payer',
            showWhen: { any: [{ question: 'q_income', op: 'equals', value: 'o_dividends' }] },
          },
          {
            id: 'q_acme',
            type: 'string',
            key: 'acme_badge',
            showWhen: { all: [{ question: 'q_employer', op: 'equals', value: 'ACME' }] },
          },
        ]),
      ],
    })
  }

  it('emits preset answers of options and multiple-choice questions as option keys', () => {
    const questions = payloadOf(conditionalFlow()).steps[0]!.questions!
    expect(questions[0]!.answer).toBe('other')
    expect(questions[1]!.answer).toEqual(['savings', 'salary'])
  })

  it('emits conditions as showConditions with the question key and the option key', () => {
    const questions = payloadOf(conditionalFlow()).steps[0]!.questions!
    expect(questions[0]!.showConditions).toBeUndefined()
    expect(questions[2]!.showConditions).toEqual({ questionKey: 'employment', answer: 'employed' })
    expect(questions[3]!.showConditions).toEqual({ questionKey: 'income', answer: 'dividends' })
    expect(questions[4]!.showConditions).toEqual({ questionKey: 'employer', answer: 'ACME' })
  })

  it('follows a renamed option key and question key in the output while the condition stays the same', () => {
    const flow = conditionalFlow()
    const form = flow.steps[0] as Extract<Step, { questions: unknown }>
    const conditionBefore = structuredClone(form.questions[2]!.showWhen)
    form.questions[0]!.key = 'work'
    form.questions[0]!.options![0]!.key = 'has_job'
    form.questions[0]!.options![1]!.key = 'something_else'

    expect(form.questions[2]!.showWhen).toEqual(conditionBefore)
    const questions = payloadOf(flow).steps[0]!.questions!
    expect(questions[0]!.answer).toBe('something_else')
    expect(questions[0]!.options).toEqual([
      { key: 'has_job', title: 'Employed' },
      { key: 'something_else' },
    ])
    expect(questions[2]!.showConditions).toEqual({ questionKey: 'work', answer: 'has_job' })
  })
})

describe('compileForIdentomat: what it cannot express', () => {
  const yesNo: Question = {
    id: 'q_a',
    type: 'options',
    key: 'a',
    options: [
      { id: 'o_yes', key: 'yes' },
      { id: 'o_no', key: 'no' },
    ],
  }
  const other: Question = { id: 'q_b', type: 'string', key: 'b' }

  function withCondition(showWhen: Question['showWhen']): Flow {
    return flowWith({
      steps: [questionnaire([yesNo, other, { id: 'q_c', type: 'string', key: 'c', showWhen }])],
    })
  }

  const cases: Array<[string, Question['showWhen'], string]> = [
    [
      'two clauses in all',
      {
        all: [
          { question: 'q_a', op: 'equals', value: 'o_yes' },
          { question: 'q_b', op: 'equals', value: 'x' },
        ],
      },
      '/steps/0/questions/2/showWhen',
    ],
    [
      'two clauses in any',
      {
        any: [
          { question: 'q_a', op: 'equals', value: 'o_yes' },
          { question: 'q_b', op: 'equals', value: 'x' },
        ],
      },
      '/steps/0/questions/2/showWhen',
    ],
    [
      'the "in" operator',
      { all: [{ question: 'q_a', op: 'in', value: ['o_yes', 'o_no'] }] },
      '/steps/0/questions/2/showWhen/all/0/op',
    ],
    [
      'the "notEquals" operator',
      { all: [{ question: 'q_a', op: 'notEquals', value: 'o_yes' }] },
      '/steps/0/questions/2/showWhen/all/0/op',
    ],
    [
      'the "answered" operator',
      { all: [{ question: 'q_b', op: 'answered' }] },
      '/steps/0/questions/2/showWhen/all/0/op',
    ],
    [
      'the "notAnswered" operator',
      { all: [{ question: 'q_b', op: 'notAnswered' }] },
      '/steps/0/questions/2/showWhen/all/0/op',
    ],
    [
      'an operator other than equals in an any group',
      { any: [{ question: 'q_a', op: 'notEquals', value: 'o_no' }] },
      '/steps/0/questions/2/showWhen/any/0/op',
    ],
  ]

  it.each(cases)('reports %s at the exact path and gives no payload', (_name, showWhen, path) => {
    const result = compile(withCondition(showWhen), 'identomat')
    expect(result.payload).toBeNull()
    expect(result.issues).toEqual([
      {
        path,
        code: 'TARGET_UNSUPPORTED_CONDITION',
        message: expect.any(String),
        severity: 'error',
      },
    ])
  })

  it('reports each unsupported condition of a flow', () => {
    const flow = flowWith({
      steps: [
        questionnaire([
          yesNo,
          other,
          {
            id: 'q_c',
            type: 'string',
            key: 'c',
            showWhen: { all: [{ question: 'q_b', op: 'answered' }] },
          },
          {
            id: 'q_d',
            type: 'string',
            key: 'd',
            showWhen: { all: [{ question: 'q_a', op: 'equals', value: 'o_no' }] },
          },
          {
            id: 'q_e',
            type: 'string',
            key: 'e',
            showWhen: {
              any: [
                { question: 'q_b', op: 'equals', value: 'x' },
                { question: 'q_b', op: 'equals', value: 'y' },
              ],
            },
          },
        ]),
      ],
    })
    const result = compile(flow, 'identomat')
    expect(result.payload).toBeNull()
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['/steps/0/questions/2/showWhen/all/0/op', 'TARGET_UNSUPPORTED_CONDITION'],
      ['/steps/0/questions/4/showWhen', 'TARGET_UNSUPPORTED_CONDITION'],
    ])
  })

  it('accepts a single equals clause written as an any group', () => {
    const result = compile(
      withCondition({ any: [{ question: 'q_a', op: 'equals', value: 'o_no' }] }),
      'identomat',
    )
    expect(result.issues).toEqual([])
    expect(result.payload!.steps[0]!.questions![2]!.showConditions).toEqual({
      questionKey: 'a',
      answer: 'no',
    })
  })

  const settingCases: Array<[string, Flow['settings'], string]> = [
    ['theme', { theme: 'dark' }, '/settings/theme'],
    ['portraitOnly', { portraitOnly: false }, '/settings/portraitOnly'],
    ['sessionTtlMinutes', { sessionTtlMinutes: 60 }, '/settings/sessionTtlMinutes'],
    ['qr.allow', { qr: { allow: true } }, '/settings/qr'],
    ['qr.force', { qr: { force: true } }, '/settings/qr'],
  ]

  it.each(settingCases)(
    'warns that %s is not expressed and still gives a payload',
    (_name, settings, path) => {
      const result = compile(flowWith({ settings }), 'identomat')
      expect(result.issues).toEqual([
        {
          path,
          code: 'TARGET_UNSUPPORTED_SETTING',
          message: expect.any(String),
          severity: 'warning',
        },
      ])
      expect(result.payload).toEqual({
        company_key: '<company_key>',
        flags: { language: 'en' },
        steps: [],
      })
    },
  )

  it('does not warn about settings left at their defaults', () => {
    const settings = {
      theme: 'system',
      portraitOnly: true,
      sessionTtlMinutes: 15,
      qr: { allow: false, force: false },
    } as const
    expect(compile(flowWith({ settings }), 'identomat').issues).toEqual([])
  })

  it('reports the same issues when called directly', () => {
    const flow = withCondition({ all: [{ question: 'q_a', op: 'in', value: ['o_yes'] }] })
    expect(compileForIdentomat(flow).issues.map((i) => i.code)).toEqual([
      'TARGET_UNSUPPORTED_CONDITION',
    ])
  })
})
