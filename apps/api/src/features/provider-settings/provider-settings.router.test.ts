import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { IabFake, TOKEN_PATH } from '../../../test/fakes/iab-fake.ts'
import { IdentomatFake } from '../../../test/fakes/identomat-fake.ts'
import { TrustmaticFake } from '../../../test/fakes/trustmatic-fake.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { capturingLogger, createUserWithKey } from '../../../test/support/users.ts'
import { ProviderSettingsService } from './provider-settings.service.ts'

const SECRETS = {
  company_key: 'company-key-0a1b2c3d4e5f',
  secret_key: 'hmac-secret-6a7b8c9d0e1f',
  callback_api_key: 'callback-key-2a3b4c5d6e7f',
  client_id: '0b5d2a44-3c3e-4a43-9d61-7d3f0e9a1c11',
  pass_key: '7e9c1d22-5b6a-4f7e-8a90-1b2c3d4e5f60',
  onboarding_partner: 'ACME-WEB-FACE_VERIFICATION',
  callback_secret: 'iab-callback-secret-8f9e0d',
  username: 'trustmatic-user-3c4d',
  password: 'trustmatic-password-5e6f',
}

/** Every secret this file uses must stay out of `text`. */
function expectNoSecrets(text: string, what: string): void {
  for (const [name, value] of Object.entries(SECRETS))
    expect(text.includes(value), `${name} appears in ${what}`).toBe(false)
}

describe.each(DATABASE_KINDS)('provider settings on %s', (kind) => {
  let t: TestApp
  let lines: string[]
  afterEach(async () => {
    await t?.close()
  })
  const open = async () => {
    const captured = capturingLogger()
    lines = captured.lines
    t = await createTestApp(kind, {}, { logger: captured.logger })
  }
  const put = (provider: string, body: unknown) =>
    t.request
      .put(`/api/settings/providers/${provider}`)
      .set(t.admin)
      .send(body as object)
  const byProvider = async () => {
    const res = await t.request.get('/api/settings/providers').set(t.admin).expect(200)
    return Object.fromEntries(
      (res.body.data as Array<{ provider: string }>).map((p) => [p.provider, p]),
    ) as Record<string, Record<string, unknown>>
  }

  it('lists each provider with its documented default host, what is missing and the notes', async () => {
    await open()
    const all = await byProvider()
    expect(Object.keys(all)).toEqual(['identomat', 'iab', 'trustmatic'])
    expect(all.identomat).toMatchObject({
      baseUrl: 'https://widget.identomat.com',
      baseUrlIsDefault: true,
      credentials: {
        company_key: { set: false },
        secret_key: { set: false },
        callback_api_key: { set: false },
      },
      ready: false,
      missing: ['credentials.company_key'],
      updatedAt: null,
    })
    expect(all.iab).toMatchObject({
      baseUrl: 'https://onekyc.ky.id.sandbox.gopayapi.com',
      effectiveOptions: {
        tokenUrl: 'https://onekyc-token.staging.gopayapi.com/v1/esign/partner/authentication',
        tokenMethod: 'GET',
        initiateFlowPath: '/coe-partner/v1/initiate-flow',
        callbackAllowedIps: [],
      },
      missing: ['credentials.client_id', 'credentials.pass_key', 'credentials.onboarding_partner'],
    })
    expect((all.iab!.notes as string[]).join(' ')).toMatch(
      /token endpoint is not publicly confirmed/,
    )
    expect(all.trustmatic).toMatchObject({
      baseUrl: null,
      defaultBaseUrl: null,
      missing: ['baseUrl', 'credentials.username', 'credentials.password'],
    })
  })

  it('keeps credentials write-only: sealed at rest, set / cleared / kept, never shown, logged or audited', async () => {
    await open()
    const first = await put('identomat', {
      credentials: { company_key: SECRETS.company_key, secret_key: SECRETS.secret_key },
    }).expect(200)
    expect(first.headers['cache-control']).toBe('no-store')
    expect(first.body.data).toMatchObject({
      credentials: {
        company_key: { set: true },
        secret_key: { set: true },
        callback_api_key: { set: false },
      },
      ready: true,
      missing: [],
      updatedBy: expect.any(String),
    })
    // Absent fields are kept; null clears one.
    const second = await put('identomat', {
      credentials: { callback_api_key: SECRETS.callback_api_key, secret_key: null },
    }).expect(200)
    expect(second.body.data.credentials).toEqual({
      company_key: { set: true },
      secret_key: { set: false },
      callback_api_key: { set: true },
    })
    await put('identomat', { baseUrl: 'https://identomat.proxy.example/' }).expect(200)

    const row = await t.ctx.db
      .selectFrom('provider_settings')
      .selectAll()
      .where('provider', '=', 'identomat')
      .executeTakeFirstOrThrow()
    expect(row.base_url).toBe('https://identomat.proxy.example')
    expectNoSecrets(row.credentials_sealed!, 'the database row')
    expect(t.ctx.secretBox.decryptJson(row.credentials_sealed!, 'provider:identomat')).toEqual({
      company_key: SECRETS.company_key,
      callback_api_key: SECRETS.callback_api_key,
    })
    expect(() => t.ctx.secretBox.decrypt(row.credentials_sealed!, 'provider:iab')).toThrow()

    const service = new ProviderSettingsService(t.ctx)
    expect(await service.getConfig('identomat')).toEqual({
      baseUrl: 'https://identomat.proxy.example',
      options: {},
      credentials: { company_key: SECRETS.company_key, callback_api_key: SECRETS.callback_api_key },
    })

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id', 'summary'])
      .orderBy('id')
      .execute()
    expect(audit.map((entry) => entry.summary)).toEqual([
      { credentialsSet: ['company_key', 'secret_key'] },
      { credentialsSet: ['callback_api_key'], credentialsCleared: ['secret_key'] },
      { baseUrl: { from: null, to: 'https://identomat.proxy.example' } },
    ])
    expect(audit[0]).toMatchObject({
      action: 'provider_settings.updated',
      target_type: 'provider_settings',
      target_id: 'identomat',
    })
    expectNoSecrets(JSON.stringify(audit), 'the audit log')
    const list = await t.request.get('/api/settings/providers').set(t.admin).expect(200)
    expectNoSecrets(JSON.stringify([first.body, second.body, list.body]), 'API responses')
    expectNoSecrets(lines.join('\n'), 'the log')
  })

  it('validates base URLs, options and credential names with paths', async () => {
    await open()
    const cases: Array<[string, unknown, string, string]> = [
      ['identomat', { baseUrl: 'http://widget.identomat.com' }, '/baseUrl', 'URL_INVALID'],
      ['identomat', { baseUrl: 'ftp://files.example' }, '/baseUrl', 'URL_INVALID'],
      ['identomat', { baseUrl: 'https://x.example/?a=1' }, '/baseUrl', 'URL_INVALID'],
      ['identomat', { baseUrl: 'not a url' }, '/baseUrl', 'URL_INVALID'],
      [
        'identomat',
        { options: { tokenUrl: 'https://x.example' } },
        '/options/tokenUrl',
        'SCHEMA_UNKNOWN_PROPERTY',
      ],
      [
        'iab',
        { options: { tokenUrl: 'http://token.example/t' } },
        '/options/tokenUrl',
        'URL_INVALID',
      ],
      [
        'iab',
        { options: { initiateFlowPath: 'no-slash' } },
        '/options/initiateFlowPath',
        'SCHEMA_PATTERN',
      ],
      [
        'iab',
        { options: { callbackAllowedIps: ['10.0.0.0/99'] } },
        '/options/callbackAllowedIps/0',
        'OPTION_INVALID',
      ],
      ['iab', { options: { tokenMethod: 'PUT' } }, '/options/tokenMethod', 'SCHEMA_TYPE'],
      [
        'iab',
        { credentials: { company_key: 'x' } },
        '/credentials/company_key',
        'UNKNOWN_CREDENTIAL',
      ],
      [
        'trustmatic',
        { credentials: { username: '' } },
        '/credentials/username',
        'SCHEMA_MIN_LENGTH',
      ],
      ['trustmatic', {}, '', 'SCHEMA_MIN_PROPERTIES'],
    ]
    for (const [provider, body, path, code] of cases) {
      const res = await put(provider, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors, JSON.stringify(body)).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, code })]),
      )
    }
    await put('sandbox', { baseUrl: 'https://x.example' }).expect(404)
    await t.request.post('/api/settings/providers/nope/test').set(t.admin).expect(404)
    expect(await t.ctx.db.selectFrom('provider_settings').selectAll().execute()).toEqual([])

    const local = await put('trustmatic', { baseUrl: 'http://localhost:8080/' }).expect(200)
    expect(local.body.data).toMatchObject({
      baseUrl: 'http://localhost:8080',
      baseUrlIsDefault: false,
    })
    const iab = await put('iab', {
      options: {
        callbackAllowedIps: ['203.0.113.0/24', '2001:db8::1'],
        tokenUrl: 'https://t.example/v2/coe/token',
      },
    }).expect(200)
    expect(iab.body.data.effectiveOptions).toMatchObject({
      tokenUrl: 'https://t.example/v2/coe/token',
      initiateFlowPath: '/coe-partner/v1/initiate-flow',
    })
    const reset = await put('iab', { options: { tokenUrl: null }, baseUrl: null }).expect(200)
    expect(reset.body.data.options).toEqual({
      callbackAllowedIps: ['203.0.113.0/24', '2001:db8::1'],
    })
    expect(reset.body.data.effectiveOptions.tokenUrl).toMatch(/onekyc-token\.staging/)
    expect(reset.body.data.baseUrlIsDefault).toBe(true)
  })

  it('refuses a Trustmatic Basic-auth user name with ":" (400, the field\'s path), storing nothing', async () => {
    await open()
    const res = await put('trustmatic', {
      baseUrl: 'https://trustmatic.example',
      credentials: { username: 'acme:ops', password: SECRETS.password },
    }).expect(400)
    expect(res.body.errors).toEqual([
      {
        path: '/credentials/username',
        code: 'CREDENTIAL_INVALID',
        message: expect.stringContaining('cannot contain ":"'),
      },
    ])
    expect(JSON.stringify(res.body)).not.toContain('acme:ops')
    expect(await t.ctx.db.selectFrom('provider_settings').selectAll().execute()).toEqual([])
    // A ':' in the password is fine: only the first one separates the two.
    const ok = await put('trustmatic', {
      credentials: { username: SECRETS.username, password: 'pass:word' },
    }).expect(200)
    expect(ok.body.data.credentials).toEqual({ username: { set: true }, password: { set: true } })
    // Clearing the user name is not checked as a value.
    await put('trustmatic', { credentials: { username: null } }).expect(200)
  })

  it('is for admins only', async () => {
    await open()
    const designer = await createUserWithKey(t, 'designer')
    await t.request.get('/api/settings/providers').set(designer.auth).expect(403)
    await t.request
      .put('/api/settings/providers/identomat')
      .set(designer.auth)
      .send({ credentials: { company_key: 'x' } })
      .expect(403)
  })

  it('reports unreadable credentials instead of failing, and lets them be entered again', async () => {
    await open()
    await put('trustmatic', {
      baseUrl: 'https://t.example',
      credentials: { username: 'u', password: 'p' },
    }).expect(200)
    await t.ctx.db
      .updateTable('provider_settings')
      .set({ credentials_sealed: t.ctx.secretBox.encryptJson({ username: 'u' }, 'provider:iab') })
      .execute()
    const all = await byProvider()
    expect(all.trustmatic).toMatchObject({
      credentials: { username: { set: false } },
      ready: false,
    })
    expect((all.trustmatic!.notes as string[]).at(-1)).toMatch(/cannot be decrypted/)
    const error = await new ProviderSettingsService(t.ctx)
      .getConfig('trustmatic')
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 422, code: 'PROVIDER_NOT_CONFIGURED' })
    const fixed = await put('trustmatic', {
      credentials: { username: 'u2', password: 'p2' },
    }).expect(200)
    expect(fixed.body.data.ready).toBe(true)
  })

  describe('test connection', () => {
    const identomat = new IdentomatFake({
      companyKey: SECRETS.company_key,
      secretKey: SECRETS.secret_key,
    })
    const iab = new IabFake({
      clientId: SECRETS.client_id,
      passKey: SECRETS.pass_key,
      onboardingPartner: SECRETS.onboarding_partner,
    })
    const trustmatic = new TrustmaticFake({
      username: SECRETS.username,
      password: SECRETS.password,
    })
    beforeAll(async () => {
      await Promise.all([identomat.start(), iab.start(), trustmatic.start()])
    })
    afterAll(async () => {
      await Promise.all([identomat.close(), iab.close(), trustmatic.close()])
    })

    it('calls each provider once with the stored settings and never returns a token', async () => {
      await open()
      const test = (provider: string) =>
        t.request.post(`/api/settings/providers/${provider}/test`).set(t.admin).send({})
      const unconfigured = await test('trustmatic').expect(200)
      expect(unconfigured.body.data).toEqual({
        ok: false,
        status: null,
        message: 'trustmatic: set baseUrl in the provider settings first',
      })

      await put('identomat', {
        baseUrl: identomat.url,
        credentials: { company_key: SECRETS.company_key, secret_key: SECRETS.secret_key },
      }).expect(200)
      await put('iab', {
        baseUrl: iab.url.replace('127.0.0.1', 'localhost'),
        options: { tokenUrl: `${iab.url.replace('127.0.0.1', 'localhost')}${TOKEN_PATH}` },
        credentials: {
          client_id: SECRETS.client_id,
          pass_key: SECRETS.pass_key,
          onboarding_partner: SECRETS.onboarding_partner,
        },
      }).expect(200)
      await put('trustmatic', {
        baseUrl: trustmatic.url,
        credentials: { username: SECRETS.username, password: SECRETS.password },
      }).expect(200)

      const results = {
        identomat: (await test('identomat').expect(200)).body.data,
        iab: (await test('iab').expect(200)).body.data,
        trustmatic: (await test('trustmatic').expect(200)).body.data,
      }
      expect(results.identomat).toMatchObject({ ok: true, status: 200 })
      expect(results.identomat.message).toMatch(/test session was created at Identomat/)
      expect(results.iab).toMatchObject({ ok: true, status: 200 })
      expect(results.trustmatic).toMatchObject({ ok: true, status: 200 })
      expect([
        identomat.count('begin'),
        iab.count('token'),
        trustmatic.count('initialize'),
      ]).toEqual([1, 1, 1])
      const text = JSON.stringify(results)
      for (const token of [...identomat.tokens, ...iab.validTokens])
        expect(text).not.toContain(token)
      for (const session of trustmatic.sessions.values())
        expect(text).not.toContain(session.accessToken)

      await put('iab', { credentials: { pass_key: 'wrong-pass-key' } }).expect(200)
      expect((await test('iab').expect(200)).body.data).toEqual({
        ok: false,
        status: 401,
        message: 'iab: partner token was refused (HTTP 401) (provider code 110 UNAUTHORIZED)',
      })
      const tested = await t.ctx.db
        .selectFrom('audit_log')
        .select(['target_id', 'summary'])
        .where('action', '=', 'provider_settings.tested')
        .orderBy('id')
        .execute()
      expect(tested.map((entry) => [entry.target_id, entry.summary])).toEqual([
        ['trustmatic', { ok: false, status: null }],
        ['identomat', { ok: true, status: 200 }],
        ['iab', { ok: true, status: 200 }],
        ['trustmatic', { ok: true, status: 200 }],
        ['iab', { ok: false, status: 401 }],
      ])
      expectNoSecrets(lines.join('\n'), 'the log')
    })
  })
})
