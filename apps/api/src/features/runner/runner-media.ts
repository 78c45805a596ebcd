import { createHash } from 'node:crypto'
import express, { type RequestHandler } from 'express'
import { fileTypeFromBuffer } from 'file-type'
import type { Kysely } from 'kysely'
import type { SecretBox } from '../../common/crypto/secret-box.ts'
import type { DB } from '../../common/db/tables.ts'
import { AppError, BadRequestError, ConflictError } from '../../common/errors/app-error.ts'
import type { RunnerTokens } from '../../providers/sandbox/runner-token.ts'
import { recordSessionEvent } from '../sessions/session-lifecycle.ts'
import { mediaContext } from '../sessions/session-media.ts'
import * as repo from './runner.repository.ts'
import type { RunnerSession } from './runner-access.ts'
import { END_USER } from './runner-otp.ts'
import {
  MAX_CAPTURES_PER_KIND,
  MEDIA_KINDS,
  SINGLE_KINDS,
  mediaKindsOf,
  type MediaKind,
} from './runner-steps.ts'
import type { Step } from '@veriflow/schema'

/** Largest accepted capture (the page compresses before sending). */
export const MAX_MEDIA_BYTES = 8 * 1024 * 1024
/** The image types the runner accepts, as detected from the bytes. */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
/** The upload route, for the raw body parser mounted before the JSON-only middleware. */
export const RUNNER_MEDIA_PATH = '/runner/:token/steps/:stepId/media'

/**
 * Reads a capture's raw bytes (any declared type: the content decides) up to the size limit.
 * Only for authentic runner tokens: other requests go through the ordinary JSON-only pipeline
 * (and end as a 404 there), so a forged link never gets 8 MB read.
 */
export function runnerMediaBody(tokens: RunnerTokens): RequestHandler {
  const raw = express.raw({ type: () => true, limit: MAX_MEDIA_BYTES })
  return (req, res, next) => {
    const token = String(req.params.token ?? '')
    if (!tokens.verify('launch', token) && !tokens.verify('continue', token)) return next()
    raw(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large')
        return next(
          new AppError(
            413,
            'MEDIA_TOO_LARGE',
            `a capture may be at most ${MAX_MEDIA_BYTES / 1024 / 1024} MB`,
          ),
        )
      next(error)
    })
  }
}

/** The image type of `bytes` judged by their content (magic numbers), or undefined. */
export async function detectImageType(bytes: Buffer): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(bytes)
  return detected && (MEDIA_TYPES as readonly string[]).includes(detected.mime)
    ? detected.mime
    : undefined
}

export function mediaKindParam(value: unknown): MediaKind {
  if (typeof value === 'string' && (MEDIA_KINDS as readonly string[]).includes(value))
    return value as MediaKind
  throw new BadRequestError(
    'MEDIA_KIND_INVALID',
    `kind must be one of ${MEDIA_KINDS.join(', ')}`,
    '/query/kind',
  )
}

/**
 * Stores one capture, sealed with the session's media context. Single captures (document sides,
 * selfie) are replaced by a retake; repeatable ones are limited per step.
 */
export async function storeCapture(
  trx: Kysely<DB>,
  secretBox: SecretBox,
  session: RunnerSession,
  step: Step,
  kind: MediaKind,
  body: unknown,
) {
  if (!mediaKindsOf(step).includes(kind))
    throw new BadRequestError(
      'MEDIA_KIND_INVALID',
      `a ${step.type} step takes ${mediaKindsOf(step).join(', ') || 'no captures'}`,
      '/query/kind',
    )
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new BadRequestError('MEDIA_EMPTY', 'send the image as the request body')
  const contentType = await detectImageType(body)
  if (!contentType) throw new AppError(415, 'MEDIA_TYPE_INVALID', 'send a JPEG, PNG or WebP image')
  const sessionId = session.row.id
  if (SINGLE_KINDS.has(kind)) await repo.deleteMedia(trx, sessionId, step.id, kind)
  else if ((await repo.countMedia(trx, sessionId, step.id, kind)) >= MAX_CAPTURES_PER_KIND[kind])
    throw new ConflictError(
      'MEDIA_LIMIT_REACHED',
      `a step keeps at most ${MAX_CAPTURES_PER_KIND[kind]} captures of ${kind}`,
    )
  const row = await repo.insertMedia(trx, {
    sessionId,
    stepId: step.id,
    kind,
    contentType,
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    sealed: secretBox.encryptBytes(body, mediaContext(sessionId)),
  })
  await recordSessionEvent(
    trx,
    sessionId,
    'media.uploaded',
    { stepId: step.id, kind, contentType, size: body.length, mediaId: row.id },
    END_USER,
  )
  return { id: row.id, stepId: step.id, kind, contentType, size: row.size }
}
