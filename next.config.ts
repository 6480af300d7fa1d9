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
