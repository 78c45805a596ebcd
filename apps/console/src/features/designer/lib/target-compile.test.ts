import { compile } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import { compileCached, payloadText } from './target-compile.ts'
import { sampleFlow } from './test-flows.ts'

describe('compileCached', () => {
  it('answers what compile answers, once per snapshot', () => {
    const doc = sampleFlow()
    const first = compileCached(doc, 'identomat')
    expect(first).toEqual(compile(doc, 'identomat'))
    expect(compileCached(doc, 'identomat')).toBe(first)
    expect(compileCached({ ...doc }, 'identomat')).not.toBe(first)
  })

  it('reports what a target cannot express at document paths', () => {
    const result = compileCached(sampleFlow(), 'identomat')
    const condition = result.issues.find((i) => i.path.startsWith('/steps/1/questions/2/showWhen'))
    expect(condition?.code).toBe('TARGET_UNSUPPORTED_CONDITION')
    expect(result.payload).toBeNull()
  })

  it('prints payloads like the CLI', () => {
    expect(payloadText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n')
  })
})
