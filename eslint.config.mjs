import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', 'dist/**', 'lib/generated/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @/lib/env only.',
        },
      ],
    },
  },
  {
    files: ['lib/env.ts', 'lib/env/**', 'prisma.config.ts', 'playwright.config.ts', 'scripts/**', 'test/**', 'e2e/**', 'bench/**', '**/*.test.ts', 'test/fakes/braze/main.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];

export default config;
