/** Types of server/contract.mjs (the front's and the app's shared contract); see that file. */
import type { IncomingMessage } from 'node:http'

export declare const CLIENT_ADDRESS_HEADER: 'x-photo-packages-client'
export declare const REQUEST_HOST_HEADER: 'x-photo-packages-host'
export declare const INTERNAL_TOKEN_HEADER: 'x-photo-packages-internal'
export declare const CATALOG_PURGE_MESSAGE: 'photo-packages:catalog-purge'
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>
export declare const STRICT_TRANSPORT_SECURITY: string
export declare const UPLOAD_BODY_ALLOWANCE: number
export declare const bodyTooLargeMessage: (limit: number) => string

export declare const CATALOG_STUDIO_HEADER: 'x-photo-packages-studio'
/** Studio ids (as strings) whose catalogs changed; undefined: any may have. */
export type CatalogPurgeScope = string[] | undefined
export declare const onCatalogPurge: (listener: (studios: CatalogPurgeScope) => void) => () => void
export declare const announceCatalogPurge: (studios?: readonly (number | string)[]) => void
export interface CatalogPurgeMessage {
  type: typeof CATALOG_PURGE_MESSAGE
  studios?: string[]
}
export declare const catalogPurgeMessage: (studios: CatalogPurgeScope) => CatalogPurgeMessage
export declare const purgeOfMessage: (message: unknown) => { studios: CatalogPurgeScope } | null

export declare class UnusableValue extends Error {}
export declare const textOf: (raw: string | undefined) => string | undefined
export declare const wholeOf: (text: string, min: number, max?: number) => number
export declare const flagOf: (text: string, raw?: string) => boolean
export declare const httpUrlOf: (text: string) => string
export declare const redisUrlOf: (text: string) => string
export declare const bearerTokenOf: (text: string) => string

export declare class FrontSettingsError extends Error {}
type Env = Record<string, string | undefined>
export declare const readTrustProxy: (env: Env) => boolean
export interface FrontSettings {
  port: number
  hostname: string
  metricsPort: number | undefined
  metricsToken: string | undefined
  trustProxy: boolean
  httpsOrigin: boolean
  redisUrl: string | undefined
  bodyLimits: { body: number; upload: number }
  bodyTimeout: { timeoutMs: number; minBytesPerSecond: number }
  appSocket: string | undefined
}
export declare const readFrontSettings: (env: Env) => FrontSettings
export declare const frontSettingsOrExit: () => FrontSettings
export declare const childEnvironment: (
  front: { internalToken: string; frontPort?: number },
  extra?: Env,
) => NodeJS.ProcessEnv
export declare const clientAddressOf: (req: IncomingMessage, trustProxy: boolean) => string
