/** Why the camera is not showing: the user (or policy) said no, or there is none. */
export type CameraProblem = 'denied' | 'unavailable'

/** Classifies a getUserMedia failure (DOMException names from the Media Capture spec). */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name
  return name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError'
    ? 'denied'
    : 'unavailable'
}

/** Starts the camera facing the user (selfies) or away (documents), at a useful resolution. */
export async function openCamera(facing: 'user' | 'environment'): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' })
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: facing }, width: { ideal: 1920 }, height: { ideal: 1080 } },
  })
}

export function stopCamera(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop()
}
