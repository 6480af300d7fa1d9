/**
 * The analytics rollup and report on the embedded SQLite database (the dev mode): seeds, writes
 * a few analytics rows and purchases for one fixture day, runs a full and an incremental
 * rollup and reads the report, then prints the figures as JSON for the unit test to check.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { loadAnalyticsReport } from '@/analytics/report'
import { refreshAnalyticsRollups } from '@/analytics/rollup'
import { seedDemo } from '@/seed'

const payload = await getPayload({ config })
await seedDemo(payload, { demoPasswords: true, log: () => undefined })
const [pkg] = (
  await payload.find({
    collection: 'photo-packages',
    where: { slug: { equals: 'wedding-portraits' } },
    limit: 1,
  })
).docs
const studioId = typeof pkg.studio === 'object' ? (pkg.studio?.id as number) : (pkg.studio as number)
const [theme] = (
  await payload.find({ collection: 'package-themes', where: { package: { equals: pkg.id } }, limit: 1 })
).docs
const users = await Promise.all(
  ['a', 'b'].map((name) =>
    payload.create({
      collection: 'users',
      data: { email: `sqlite-${name}@example.com`, password: 'fixture-pass-1', role: 'customer' },
    }),
  ),
)
const rows: Array<[string, number, string, number, number | null]> = [
  ['2025-06-01T10:00:00.000Z', users[0].id, 'succeeded', 3, 5],
  ['2025-06-01T11:00:00.000Z', users[1].id, 'failed', 0, null],
  ['2025-06-03T09:00:00.000Z', users[0].id, 'succeeded', 3, 3],
]
const upload = await payload.db.create({
  collection: 'photo-uploads',
  data: { owner: users[0].id, filename: 'sqlite-fixture.jpg' },
})
for (const [createdAt, user, status, generated, rating] of rows) {
  const generation = await payload.db.create({
    collection: 'generations',
    data: {
      owner: user,
      package: pkg.id,
      theme: theme.id,
      upload: upload.id,
      portraitType: 'single',
      status,
      imageCount: 3,
      shootCost: 1,
      generationSettings: { aspectRatio: '1:1', quality: 'standard' },
      finishedAt: createdAt,
      createdAt,
    },
  })
  await payload.db.create({
    collection: 'package-analytics',
    data: {
      generation: generation.id,
      package: pkg.id,
      studio: studioId,
      theme: theme.id,
      user,
      status,
      imagesRequested: 3,
      imagesGenerated: generated,
      processingTimeMs: 1000,
      shootsCharged: generated ? 1 : 0,
      rating,
      provider: 'offline',
      createdAt,
    },
  })
}
await payload.create({
  collection: 'purchases',
  data: {
    owner: users[0].id,
    package: pkg.id,
    status: 'paid',
    amountCents: 999,
    shoots: 25,
    paidAt: '2025-06-02T12:00:00.000Z',
    currency: 'usd',
    stripeSessionId: 'cs_sqlite_1',
    studio: studioId,
    applicationFeeCents: 99,
  },
})
const full = await refreshAnalyticsRollups(payload, {
  mode: 'full',
  now: new Date('2025-06-07T12:00:00.000Z'),
})
const incremental = await refreshAnalyticsRollups(payload, {
  trigger: 'schedule',
  now: new Date('2025-06-07T12:00:00.000Z'),
})
const period = { from: '2025-06-01', to: '2025-06-07', days: 7, timeframe: null }
const report = await loadAnalyticsReport(payload, { period })
// A studio's own figures and the platform's comparison (issue 24), on SQLite's SQL.
const studioReport = await loadAnalyticsReport(payload, {
  period,
  studioIds: [studioId],
  compareStudios: true,
})
const otherStudio = await loadAnalyticsReport(payload, { period, studioIds: [studioId + 1000] })
console.log(
  JSON.stringify({
    adapter: payload.db.name,
    full: { mode: full.mode, days: full.days },
    incremental: { mode: incremental.mode, days: incremental.days },
    totals: report.totals,
    studioTotals: studioReport.totals,
    studioRow: studioReport.studios?.find((row) => row.studioId === studioId),
    otherStudio: [
      otherStudio.totals.generations,
      otherStudio.totals.uniqueUsers,
      otherStudio.totals.revenueCents,
    ],
    retention: report.kpis.userRetention.details,
    daily: report.daily.map((day) => [day.day, day.generations, day.revenueCents]),
    lastError: report.refresh.lastError,
  }),
)
process.exit(0)
