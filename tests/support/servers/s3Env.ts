import { startLocalS3 } from './s3Server'

/**
 * Imported first by a test file whose app must store uploads in S3: starts a local S3 server
 * (s3rver) and sets S3_* before the Payload config reads them. Child processes started with
 * tests/support/appNodes inherit the same settings. The file stops it with `localS3.stop()`.
 */
export const localS3 = await startLocalS3()
Object.assign(process.env, localS3.env)
