import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

import { SECURITY_HEADERS } from './server/contract.mjs'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/**
 * On every response (server/contract.mjs: the front sends the same on its own answers). HSTS is
 * added by the front when SERVER_URL is https, since it depends on the deployment, not the build.
 */
export const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }))

const nextConfig: NextConfig = {
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
  images: {
    localPatterns: [{ pathname: '/api/media/file/**' }, { pathname: '/api/**' }],
    formats: ['image/avif', 'image/webp'],
  },
  poweredByHeader: false,
  // libheif's WASM build is loaded at run time by Node, not bundled.
  // The face models load their WASM and model files from the installed packages at run time (src/faces/engine.ts).
  // prom-client stays one module instance per process (one registry, src/lib/metrics.ts).
  serverExternalPackages: [
    'heic-decode',
    'libheif-js',
    '@vladmandic/human',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-converter',
    '@tensorflow/tfjs-backend-wasm',
    'prom-client',
  ],
  // CI type-checks the whole project (tests included) with `tsc --noEmit`; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  webpack: (webpackConfig) => {
    // As in Payload's templates: a `.js` specifier may resolve to a `.ts` file. Our sources use none
    // today (importMap.js is a real .js file); kept so generated or copied code that does still builds.
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: { root: path.resolve(dirname) },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
