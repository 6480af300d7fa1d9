import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  images: {
    localPatterns: [{ pathname: '/api/media/file/**' }, { pathname: '/api/**' }],
    formats: ['image/avif', 'image/webp'],
  },
  poweredByHeader: false,
  // libheif's WASM build is loaded at run time by Node, not bundled.
  serverExternalPackages: ['heic-decode', 'libheif-js'],
  // CI type-checks the whole project (tests included) with `tsc --noEmit`; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  webpack: (webpackConfig) => {
    // Our sources import with .js specifiers in places; let webpack find the .ts files.
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
