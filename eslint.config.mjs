import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypeScript from 'eslint-config-next/typescript'
import prettier from 'eslint-config-prettier'
import unusedImports from 'eslint-plugin-unused-imports'

// Next's rules (core web vitals + TypeScript), unused imports removed by --fix, and Prettier
// owning the formatting (eslint-config-prettier switches off the rules that would fight it).
const eslintConfig = [
  ...nextVitals,
  ...nextTypeScript,
  prettier,
  {
    plugins: { 'unused-imports': unusedImports },
    rules: {
      '@typescript-eslint/no-unused-vars': 'off',
      'unused-imports/no-unused-imports': 'error',
      'unused-imports/no-unused-vars': [
        'warn',
        { vars: 'all', varsIgnorePattern: '^_', args: 'after-used', argsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // One settings schema (src/lib/settings) reads the environment; everything else asks it. The
    // front's few variables are parsed in server/contract.mjs, and the launch scripts hand the
    // environment on to the processes they start.
    files: ['src/**', 'server/**', 'scripts/**'],
    ignores: [
      'src/lib/settings/index.ts',
      'server/contract.mjs',
      'scripts/start.mjs',
      'scripts/dev.mjs',
      'scripts/check-migrations.mjs',
      'scripts/worker.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through src/lib/settings (or server/contract.mjs in the front).',
        },
      ],
    },
  },
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'data/**',
      'media/**',
      'test-results/**',
      'private-media/**',
      'src/payload-types.ts',
      'src/app/(payload)/admin/importMap.js',
      'src/migrations/**',
    ],
  },
]

export default eslintConfig
