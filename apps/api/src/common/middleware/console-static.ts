import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type RequestHandler } from 'express'

/** The console's build output in this repository (apps/console/dist). */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(
  new URL('../../../../console/dist', import.meta.url),
)

/**
 * Serves the built console at `/`: hashed assets are immutable, `index.html` is never cached,
 * and unknown GET paths outside the API get `index.html` (client-side routing). Returns no
 * handlers when the console has not been built.
 */
export function consoleStatic(dir: string = DEFAULT_CONSOLE_DIR): RequestHandler[] {
  const index = join(dir, 'index.html')
  if (!existsSync(index)) return []
  const assets = express.static(dir, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.includes(`${join(dir, 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      )
    },
  })
  const fallback: RequestHandler = (req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith('/api/') ||
      !req.accepts('html')
    )
      return next()
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(index)
  }
  return [assets, fallback]
}
