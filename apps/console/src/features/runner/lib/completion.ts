/** What an embedding page receives (`window.parent.postMessage`), to the launching origin only. */
export interface VeriflowMessage {
  type: 'veriflow:completed' | 'veriflow:error'
  sessionId: string
  status: 'COMPLETED' | 'ERROR'
  errorCode: string | null
}

/** How a session ended, and where the API says to report it. */
export interface SessionEnd {
  status: 'COMPLETED' | 'ERROR'
  errorCode: string | null
  sessionId: string | null
  /** The integrator's return URL with status, session_id (and error_code) filled in by the API. */
  redirectUrl: string | null
  /** The origin that launched the session (never `*`). */
  postMessageOrigin: string | null
}

export type CompletionAction =
  | { kind: 'redirect'; url: string }
  | { kind: 'post-message'; origin: string; message: VeriflowMessage }
  | { kind: 'show' }

/** `value` when it is exactly an http(s) origin (`scheme://host[:port]`), else null. */
export function exactOrigin(value: string | null | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url.origin === value ? value : null
  } catch {
    return null
  }
}

function httpUrl(value: string | null): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null
  } catch {
    return null
  }
}

/**
 * What the page does at the end: redirect to the return URL; embedded (no return URL), tell the
 * launching origin by postMessage; otherwise (or on the phone of a QR hand-off, whose computer
 * finishes) show a page.
 */
export function completionAction(
  end: SessionEnd,
  context: { embedded: boolean; device: 'launch' | 'continue' },
): CompletionAction {
  if (context.device === 'continue') return { kind: 'show' }
  const url = httpUrl(end.redirectUrl)
  if (url) return { kind: 'redirect', url }
  const origin = exactOrigin(end.postMessageOrigin)
  if (context.embedded && origin && end.sessionId)
    return {
      kind: 'post-message',
      origin,
      message: {
        type: end.status === 'COMPLETED' ? 'veriflow:completed' : 'veriflow:error',
        sessionId: end.sessionId,
        status: end.status,
        errorCode: end.errorCode,
      },
    }
  return { kind: 'show' }
}

/** Carries the action out in `win` (the runner's window). */
export function performCompletion(action: CompletionAction, win: Window = window): void {
  if (action.kind === 'redirect') win.location.assign(action.url)
  else if (action.kind === 'post-message') win.parent.postMessage(action.message, action.origin)
}

/** Whether the page runs inside another page's frame. */
export function isEmbedded(win: Window = window): boolean {
  try {
    return win.parent !== win
  } catch {
    return true
  }
}
