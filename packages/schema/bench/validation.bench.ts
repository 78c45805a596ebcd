// pnpm bench: validation (schema + every rule) of a 100-step, 1,000-question flow against
// JSON.parse of the same text, both measured here, in the same run.
import { generateLargeFlow } from '../src/fixtures/large-flow.ts'
import { validateFlow } from '../src/validate.ts'

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function time(run: () => unknown, rounds: number, repeat: number): number {
  const samples: number[] = []
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < repeat; i++) run()
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / repeat)
  }
  return median(samples)
}

const flow = generateLargeFlow({ steps: 100, questions: 1000, questionnaires: 10 })
const text = JSON.stringify(flow)
const parsed = JSON.parse(text)
const result = validateFlow(parsed)
if (!result.valid)
  throw new Error(`generated flow is invalid: ${JSON.stringify(result.issues.slice(0, 3))}`)

// Warm both paths up so the JIT has compiled them before measuring.
time(() => validateFlow(parsed), 5, 20)
time(() => JSON.parse(text), 5, 20)

const rounds = 15
const repeat = 20
const parseMs = time(() => JSON.parse(text), rounds, repeat)
const validateMs = time(() => validateFlow(parsed), rounds, repeat)

console.log(
  `flow: ${flow.steps.length} steps, 1000 questions, ${(text.length / 1024).toFixed(0)} KiB of JSON`,
)
console.log(`JSON.parse: ${parseMs.toFixed(3)} ms (median of ${rounds} × ${repeat})`)
console.log(
  `validation (schema + rules): ${validateMs.toFixed(3)} ms (median of ${rounds} × ${repeat})`,
)
console.log(`validation ratio: ${(validateMs / parseMs).toFixed(3)}`)
