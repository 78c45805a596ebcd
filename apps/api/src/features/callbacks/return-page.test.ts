import supertest from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { eventTypes, insertSession, publishedFlow } from '../../../test/support/sessions.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'

describe.each(DATABASE_KINDS)('the provider return page on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('records the return once, schedules a result fetch and redirects to the integrator', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    const id = await insertSession(t, flow, {
      target: 'iab',
      returnUrl: 'https://integrator.example/kyc/done?ref=abc',
      nextPollAt: new Date(Date.now() + 600_000),
    })
    const res = await supertest(t.app)
      .get(`/r/return/${id}?status=ERROR&partner_session_id=${id}&error_code=USER_CANCELLED`)
      .expect(303)
    const location = new URL(res.headers.location as string)
    expect(location.origin + location.pathname).toBe('https://integrator.example/kyc/done')
    expect(Object.fromEntries(location.searchParams)).toEqual({
      ref: 'abc',
      status: 'ERROR',
      session_id: id,
      error_code: 'USER_CANCELLED',
    })
    expect(res.headers['cache-control']).toBe('no-store')
    // The browser's word is recorded, not trusted: the status waits for the provider's result.
    const row = await t.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('started')
    expect(row.next_poll_at!.getTime()).toBeLessThanOrEqual(Date.now())
    const [event] = await t.ctx.db
      .selectFrom('session_events')
      .selectAll()
      .where('session_id', '=', id)
      .execute()
    expect(event).toMatchObject({
      type: 'user.returned',
      data: { status: 'ERROR', errorCode: 'USER_CANCELLED' },
    })

    const again = await supertest(t.app)
      .get(`/r/return/${id}?status=COMPLETED&partner_session_id=${id}`)
      .expect(303)
    expect(new URL(again.headers.location as string).searchParams.get('status')).toBe('COMPLETED')
    expect(new URL(again.headers.location as string).searchParams.has('error_code')).toBe(false)
    expect(await eventTypes(t, id)).toEqual(['user.returned'])
  })

  it('ignores redirect parameters for another session or with odd values', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    const id = await insertSession(t, flow, {
      target: 'iab',
      returnUrl: 'https://integrator.example/done',
    })
    const other = await supertest(t.app)
      .get(`/r/return/${id}?status=ERROR&partner_session_id=00000000-0000-4000-8000-000000000000`)
      .expect(303)
    expect(new URL(other.headers.location as string).searchParams.get('status')).toBe('COMPLETED')
    const odd = await supertest(t.app)
      .get(`/r/return/${id}?status=ERROR&error_code=${encodeURIComponent('<script>')}`)
      .expect(303)
    expect(new URL(odd.headers.location as string).searchParams.get('error_code')).toBe('ERROR')
  })

  it('without a return URL shows a page that tells the launching origin only', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    const id = await insertSession(t, flow, {
      target: 'trustmatic',
      launchOrigin: 'https://shop.example',
      returnUrl: 'javascript:alert(1)',
    })
    const res = await supertest(t.app).get(`/r/return/${id}`).expect(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.headers['x-frame-options']).toBeUndefined()
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain('frame-ancestors https://shop.example')
    expect(csp).toContain("default-src 'none'")
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]
    expect(res.text).toContain(`<script nonce="${nonce}">`)
    expect(res.text).toContain('<html lang="en">')
    expect(res.text).toContain('role="status"')
    expect(res.text).toContain('You can close this window.')
    expect(res.text).toContain('"origin":"https://shop.example"')
    expect(res.text).toContain(
      `"message":{"type":"veriflow:completed","sessionId":"${id}","status":"COMPLETED","errorCode":null}`,
    )
    expect(res.text).toContain('window.parent.postMessage(d.message, d.origin)')
    expect(res.text).not.toContain("'*'")

    // No recorded origin: nothing is posted, and only this site may frame the page.
    const expired = await insertSession(t, flow, { target: 'identomat', status: 'expired' })
    const page = await supertest(t.app).get(`/r/return/${expired}`).expect(200)
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'")
    expect(page.text).toContain('"origin":null')
    expect(page.text).toContain('"type":"veriflow:error"')
    expect(page.text).toContain('"errorCode":"SESSION_EXPIRED"')
    expect(page.text).toContain('could not be completed')
  })

  it('answers 404 for unknown sessions', async () => {
    t = await createTestApp(kind)
    await supertest(t.app).get('/r/return/00000000-0000-4000-8000-000000000000').expect(404)
    const res = await supertest(t.app).get('/r/return/not-a-session').expect(404)
    expect(res.text).toContain('not valid')
  })
})
