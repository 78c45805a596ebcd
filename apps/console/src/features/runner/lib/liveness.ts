/** Instructions of an active liveness check. */
export const INSTRUCTIONS = ['turnLeft', 'turnRight', 'blink', 'smile', 'lookUp'] as const
export type Instruction = (typeof INSTRUCTIONS)[number]

/** Instructions per active check. */
export const ACTIVE_INSTRUCTION_COUNT = 3
/** Frames captured per instruction (active). */
export const FRAMES_PER_INSTRUCTION = 2
/** Frames of the passive burst, and the time between two of them (≈ 2 s in all). */
export const PASSIVE_FRAMES = 4
export const PASSIVE_FRAME_INTERVAL_MS = 500
/** Time the user gets to follow one instruction before its frames are taken. */
export const INSTRUCTION_LEAD_MS = 1500

/**
 * `count` different instructions in random order, at least one of them a head turn (the
 * hardest to fake with a photo). `random` returns [0, 1) like Math.random.
 */
export function pickInstructions(
  random: () => number = Math.random,
  count = ACTIVE_INSTRUCTION_COUNT,
): Instruction[] {
  const pool: Instruction[] = [...INSTRUCTIONS]
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  const picked = pool.slice(0, Math.min(count, pool.length))
  if (!picked.some((i) => i === 'turnLeft' || i === 'turnRight'))
    picked[0] = random() < 0.5 ? 'turnLeft' : 'turnRight'
  return picked
}

/** Whether the step is an active check (`liveness` flag) and may take an uploaded selfie. */
export function livenessModes(flags: Record<string, unknown>): {
  active: boolean
  upload: boolean
} {
  const active = flags.liveness === true
  // Identomat: allow_face_upload has no effect with active liveness.
  return { active, upload: !active && flags.allow_face_upload === true }
}
