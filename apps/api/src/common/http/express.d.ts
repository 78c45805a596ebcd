import type { Principal } from '../auth/principal.ts'

declare global {
  namespace Express {
    interface Request {
      /** Set by the authenticator; undefined for anonymous requests. */
      principal?: Principal
    }
  }
}

export {}
