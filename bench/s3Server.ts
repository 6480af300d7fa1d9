/**
 * The files benchmark's S3 server in a process of its own (`node --import tsx bench/s3Server.ts`):
 * s3rver with one bucket, as the tests start it (tests/support/servers/s3Server.ts), storing to a
 * temporary folder that SIGTERM removes. Prints `S3 <the S3_* env as JSON>` once listening.
 */
import { startLocalS3 } from '../tests/support/servers/s3Server'

const s3 = await startLocalS3('photo-packages-bench')
console.log(`S3 ${JSON.stringify(s3.env)}`)
process.once('SIGTERM', () => {
  void s3.stop().finally(() => process.exit(0))
})
