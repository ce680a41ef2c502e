import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['lib/db/generated/**', '.next/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'e2e/.state/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Layering (STYLE.md): only lib/db talks to the database.
    files: ['app/**', 'components/**', 'lib/actions/**', 'lib/api/**', 'lib/charts/**', 'lib/validation/**', 'lib/auth/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@prisma/client', '@prisma/client/*', '**/generated/*', '**/generated', '@/lib/db/client', '**/lib/db/client'], message: 'Only lib/db/* may use the Prisma client: call a function of lib/db instead.' },
          ],
        },
      ],
    },
  },
];

export default config;
