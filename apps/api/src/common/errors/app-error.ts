/** One entry of the error envelope `{ errors: [...] }`. */
export interface ErrorEntry {
  code: string
  message: string
  /** JSON pointer to the field (validation), when there is one. */
  path?: string
  severity?: 'error' | 'warning'
}

/** A failure with an HTTP status and a stable code; mapped to the envelope by one middleware. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly entries: ErrorEntry[] = [{ code, message }],
    /** Extra top-level fields of the error response (e.g. the current revision on 409). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, path?: string) {
    super(400, code, message, [{ code, message, ...(path !== undefined ? { path } : {}) }])
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'authentication required', code = 'UNAUTHENTICATED') {
    super(401, code, message)
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'your role does not allow this', code = 'FORBIDDEN') {
    super(403, code, message)
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource', code = 'NOT_FOUND') {
    super(404, code, `${what} not found`)
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(409, code, message, [{ code, message }], details)
  }
}

export class GoneError extends AppError {
  constructor(code: string, message: string) {
    super(410, code, message)
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message = 'too many requests; try again later', code = 'RATE_LIMITED') {
    super(429, code, message)
  }
}

/**
 * Input that is well-formed but wrong, with one entry per issue (paths are JSON pointers).
 * 400 for request validation; 422 for a document that cannot be used (publish, launch).
 */
export class ValidationError extends AppError {
  constructor(
    entries: ErrorEntry[],
    status: 400 | 422 = 400,
    code = status === 400 ? 'VALIDATION_FAILED' : 'UNPROCESSABLE',
  ) {
    super(
      status,
      code,
      entries[0]?.message ?? 'invalid input',
      entries.length > 0 ? entries : [{ code, message: 'invalid input' }],
    )
  }
}
