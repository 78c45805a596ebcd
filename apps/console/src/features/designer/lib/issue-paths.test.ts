import type { Issue } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import {
  closestFieldPath,
  describeLocation,
  groupIssues,
  issueCountsByQuestion,
  issueCountsByStep,
  locateIssue,
} from './issue-paths.ts'
import { sampleFlow } from './test-flows.ts'

const issue = (path: string, severity: Issue['severity'] = 'error'): Issue => ({
  path,
  code: 'X',
  message: 'x',
  severity,
})

describe('locateIssue', () => {
  const doc = sampleFlow()

  it('maps step, question and deeper paths to ids', () => {
    expect(locateIssue('/steps/1/questions/2/showWhen/any/0/value', doc)).toEqual({
      tab: 'design',
      stepIndex: 1,
      stepId: 's_q',
      questionIndex: 2,
      questionId: 'q_income',
    })
    expect(locateIssue('/steps/0/flags/document_countries/1', doc)).toEqual({
      tab: 'design',
      stepIndex: 0,
      stepId: 's_doc',
    })
  })

  it('maps flow-level paths to tabs', () => {
    expect(locateIssue('/settings/returnUrl', doc).tab).toBe('settings')
    expect(locateIssue('/languages/1', doc).tab).toBe('settings')
    expect(locateIssue('', doc).tab).toBe('settings')
    expect(locateIssue('/targets/iab/flowCode', doc)).toEqual({ tab: 'targets', target: 'iab' })
    expect(locateIssue('/steps', doc)).toEqual({ tab: 'design' })
  })

  it('survives paths that no longer resolve', () => {
    expect(locateIssue('/steps/9/questions/0', doc)).toEqual({
      tab: 'design',
      stepIndex: 9,
      questionIndex: 0,
    })
    expect(locateIssue('/steps/1/questions/x', null)).toEqual({ tab: 'design', stepIndex: 1 })
  })
})

describe('counts and groups', () => {
  const issues = [
    issue('/steps/1/questions/2/key'),
    issue('/steps/1/questions/2/title', 'warning'),
    issue('/steps/1/questions/0'),
    issue('/steps/0/key', 'warning'),
    issue('/settings/returnUrl'),
    issue('/steps/10/key'),
  ]

  it('counts per step and per question', () => {
    expect(issueCountsByStep(issues).get(1)).toEqual({ errors: 2, warnings: 1 })
    expect(issueCountsByStep(issues).get(0)).toEqual({ errors: 0, warnings: 1 })
    expect(issueCountsByStep(issues).get(1 + 0)).not.toBe(issueCountsByStep(issues).get(10))
    expect(issueCountsByQuestion(issues, 1).get(2)).toEqual({ errors: 1, warnings: 1 })
    expect(issueCountsByQuestion(issues, 1).get(0)).toEqual({ errors: 1, warnings: 0 })
  })

  it('groups flow-level issues first, then steps in order, errors first', () => {
    const groups = groupIssues(issues, sampleFlow())
    expect(groups.map((g) => g.label)).toEqual([
      'Flow and settings',
      '1. identity-document',
      '2. source_of_funds',
      '11. step 11',
    ])
    expect(groups[2]!.issues.map((i) => i.severity)).toEqual(['error', 'error', 'warning'])
    expect(groups[2]!.id).toBe('s_q')
  })
})

describe('closestFieldPath', () => {
  const fields = [
    '/steps/1/key',
    '/steps/1/flags',
    '/steps/1/flags/liveness',
    '/steps/1/title/en',
    '/steps/1/title/ka',
  ]

  it('prefers the exact field, then the deepest container, then the first field inside', () => {
    expect(closestFieldPath('/steps/1/key', fields)).toBe('/steps/1/key')
    expect(closestFieldPath('/steps/1/flags/document_countries/2', fields)).toBe('/steps/1/flags')
    expect(closestFieldPath('/steps/1/flags/liveness', fields)).toBe('/steps/1/flags/liveness')
    expect(closestFieldPath('/steps/1/title', fields)).toBe('/steps/1/title/en')
    expect(closestFieldPath('/steps/2/key', fields)).toBeUndefined()
  })

  it('does not treat /steps/1 as containing /steps/10', () => {
    expect(closestFieldPath('/steps/10/key', ['/steps/1'])).toBeUndefined()
  })
})

describe('describeLocation', () => {
  it('names the step and question of a path', () => {
    const doc = sampleFlow()
    expect(describeLocation('/steps/1/questions/1/showWhen', doc)).toBe(
      'step 2 source_of_funds › question employer',
    )
    expect(describeLocation('/steps/0/flags', doc)).toBe('step 1 identity-document')
    expect(describeLocation('/settings/qr', doc)).toBe('session settings')
    expect(describeLocation('/targets/iab/flowCode', doc)).toBe('target iab')
    expect(describeLocation('/name', doc)).toBe('flow')
  })
})
