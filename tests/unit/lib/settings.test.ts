import { describe, expect, it } from 'vitest'

import { readSettings, SettingsError } from '@/lib/settings'

describe('readSettings', () => {
  it("gives today's defaults when nothing is set (blank counts as unset)", () => {
    const settings = readSettings({ GENERATION_CONCURRENCY: '  ', PACKAGE_CACHE_TTL: '' })
    expect(settings).toMatchObject({
      databasePoolMax: 10,
      packageCacheTtlMs: 300_000,
      generationConcurrency: 3,
      generationLeaseMs: 300_000,
      generationBackoffMs: 1000,
      generationPollMs: 5000,
      jobsAutorun: true,
      freeTrialShoots: 3,
      promptLabDailyLimit: 20,
      mediaDir: 'media',
      privateMediaDir: 'private-media',
      emailFrom: 'studio@photo-packages.local',
      emailFromName: 'Photo Packages',
      studioName: 'Photo Packages',
      photoRetentionDays: 30,
      portraitRetentionDays: 365,
      stripe: null,
      gemini: null,
      smtp: null,
      redisUrl: undefined,
      redisPrefix: 'photo-packages:',
      role: 'all',
      s3: null,
    })
  })

  it('reads S3_BUCKET and friends; a half-set key pair or a bad bucket or endpoint is refused by name', () => {
    expect(readSettings({ S3_ENDPOINT: 'nonsense' }).s3).toBeNull()
    expect(
      readSettings({
        S3_BUCKET: ' studio-uploads ',
        S3_ENDPOINT: 'http://127.0.0.1:4568/',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: '1',
      }).s3,
    ).toEqual({
      bucket: 'studio-uploads',
      endpoint: 'http://127.0.0.1:4568',
      region: 'us-east-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: true,
      connectTimeoutMs: 5000,
      requestTimeoutMs: 30_000,
    })
    expect(readSettings({ S3_BUCKET: 'b-1', S3_REGION: 'eu-west-1' }).s3).toMatchObject({
      region: 'eu-west-1',
      credentials: undefined,
      forcePathStyle: false,
    })
    expect(() => readSettings({ S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'id' })).toThrow(/^S3_SECRET_ACCESS_KEY /)
    expect(() => readSettings({ S3_BUCKET: 'b-1', S3_SECRET_ACCESS_KEY: 's' })).toThrow(/^S3_ACCESS_KEY_ID /)
    expect(() => readSettings({ S3_BUCKET: 'My_Bucket' })).toThrow(/^S3_BUCKET /)
    expect(() => readSettings({ S3_BUCKET: 'b-1', S3_ENDPOINT: 'minio:9000' })).toThrow(/^S3_ENDPOINT /)
    expect(() => readSettings({ S3_BUCKET: 'b-1', S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(
      /^S3_FORCE_PATH_STYLE /,
    )
    expect(
      readSettings({ S3_BUCKET: 'b-1', S3_CONNECT_TIMEOUT_MS: '2000', S3_REQUEST_TIMEOUT_MS: '1000' }).s3,
    ).toMatchObject({ connectTimeoutMs: 2000, requestTimeoutMs: 1000 })
    for (const bad of ['0', '99', '1.5', '30s', '600001']) {
      expect(() => readSettings({ S3_BUCKET: 'b-1', S3_REQUEST_TIMEOUT_MS: bad })).toThrow(
        /^S3_REQUEST_TIMEOUT_MS must be a whole number from 100 to 600000/,
      )
    }
    expect(() => readSettings({ S3_BUCKET: 'b-1', S3_CONNECT_TIMEOUT_MS: '-1' })).toThrow(
      /^S3_CONNECT_TIMEOUT_MS /,
    )
  })

  it('reads REDIS_URL and REDIS_PREFIX', () => {
    const settings = readSettings({ REDIS_URL: ' redis://127.0.0.1:6379/2 ', REDIS_PREFIX: 'studio-a:' })
    expect(settings.redisUrl).toBe('redis://127.0.0.1:6379/2')
    expect(settings.redisPrefix).toBe('studio-a:')
    expect(readSettings({ REDIS_URL: 'rediss://cache.example:6380' }).redisUrl).toBe(
      'rediss://cache.example:6380',
    )
    expect(readSettings({ ROLE: ' Worker ' }).role).toBe('worker')
    expect(readSettings({ ROLE: 'web' }).role).toBe('web')
  })

  it('parses good values', () => {
    const settings = readSettings({
      GENERATION_CONCURRENCY: '8',
      JOBS_AUTORUN: '0',
      FREE_TRIAL_SHOOTS: '0',
      SERVER_URL: 'https://studio.example/',
      SMTP_HOST: 'mail.example',
      SMTP_PORT: '2525',
      GEMINI_API_KEY: 'k',
      GEMINI_TIMEOUT_MS: '5000',
    })
    expect(settings.generationConcurrency).toBe(8)
    expect(settings.jobsAutorun).toBe(false)
    expect(settings.freeTrialShoots).toBe(0)
    expect(settings.serverUrl).toBe('https://studio.example/')
    expect(settings.publicOrigin).toBe('https://studio.example')
    expect(settings.smtp).toEqual({ host: 'mail.example', port: 2525, user: undefined, pass: undefined })
    expect(settings.gemini).toMatchObject({ apiKey: 'k', timeoutMs: 5000 })
  })

  it('names the studio in the sender unless EMAIL_FROM_NAME says otherwise; reads the retention days', () => {
    const studio = readSettings({
      STUDIO_NAME: 'Atelier Lumen',
      PHOTO_RETENTION_DAYS: '14',
      PORTRAIT_RETENTION_DAYS: '90',
    })
    expect(studio).toMatchObject({
      studioName: 'Atelier Lumen',
      emailFromName: 'Atelier Lumen',
      photoRetentionDays: 14,
      portraitRetentionDays: 90,
    })
    expect(
      readSettings({ STUDIO_NAME: 'Atelier Lumen', EMAIL_FROM_NAME: 'Lumen bookings' }).emailFromName,
    ).toBe('Lumen bookings')
  })

  it('reads the image model per quality and the rate-limit points without a Gemini key', () => {
    const settings = readSettings({
      GEMINI_HIGH_QUALITY_MODEL: ' gemini-3-pro-image ',
      RATE_LIMIT_LOGIN_POINTS: '5',
    })
    expect(settings.imageModels).toEqual({ standard: undefined, high: 'gemini-3-pro-image' })
    expect(settings.rateLimitPoints).toEqual({
      login: 5,
      signup: undefined,
      forgotPassword: undefined,
      resetPassword: undefined,
    })
  })

  it.each([
    ['GENERATION_CONCURRENCY', 'three'],
    ['GENERATION_CONCURRENCY', '0'],
    ['GENERATION_CONCURRENCY', '33'],
    ['GENERATION_LEASE_MS', '10'],
    ['GENERATION_POLL_MS', '50'],
    ['PACKAGE_CACHE_TTL', '-1'],
    ['FREE_TRIAL_SHOOTS', '2.5'],
    ['PROMPT_LAB_DAILY_LIMIT', 'lots'],
    ['DATABASE_POOL_MAX', '0'],
    ['JOBS_AUTORUN', 'sometimes'],
    ['SERVER_URL', 'studio.example'],
    ['SERVER_URL', 'ftp://studio.example'],
    ['PHOTO_RETENTION_DAYS', '0'],
    ['PORTRAIT_RETENTION_DAYS', '7'],
    ['PORTRAIT_RETENTION_DAYS', 'a year'],
    ['RATE_LIMIT_LOGIN_POINTS', '0'],
    ['RATE_LIMIT_SIGNUP_POINTS', 'many'],
    ['REDIS_URL', 'localhost:6379'],
    ['ROLE', 'both'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => readSettings({ [name]: value })).toThrow(SettingsError)
    expect(() => readSettings({ [name]: value })).toThrow(new RegExp(`^${name} `))
  })

  it('refuses a bad SMTP_PORT or GEMINI_TIMEOUT_MS only when its service is configured', () => {
    expect(readSettings({ SMTP_PORT: 'x' }).smtp).toBeNull()
    expect(() => readSettings({ SMTP_HOST: 'mail.example', SMTP_PORT: '99999' })).toThrow(/^SMTP_PORT /)
    expect(() => readSettings({ GEMINI_API_KEY: 'k', GEMINI_TIMEOUT_MS: 'soon' })).toThrow(
      /^GEMINI_TIMEOUT_MS /,
    )
    expect(() => readSettings({ GEMINI_API_KEY: 'k', GEMINI_BASE_URL: 'localhost:9' })).toThrow(
      /^GEMINI_BASE_URL /,
    )
  })
})
