// Lint what reviews keep missing: un-awaited promises (a floating worker.run() or activity call), and the
// folder dependency direction of style.md practice 13 (workflows and libs/domain stay pure).
const tseslint = require('typescript-eslint');

const restrict = (patterns, why) => ['error', { patterns: patterns.map((group) => ({ group: [group], message: why })) }];

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', '**/*.js', 'apps/console/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['activities/**/*.ts', 'libs/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['**/apps/**'], 'Dependency direction: apps → activities, libs; never back.') },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['node:*', 'fs', 'path', 'crypto', '@nestjs/*', 'typeorm', 'pg', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '**/apps/**', '**/activities/**', '**/libs/persistence/**', '**/domain/src/calendar*'],
        'Workflow code is deterministic: only @temporalio/workflow, libs/domain (pure rules) and libs/temporal contracts.',
      ),
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restrict(['@nestjs/*', 'typeorm', 'pg', '@temporalio/*', '**/apps/**', '**/activities/**', '**/libs/persistence/**', '**/libs/temporal/**'], 'libs/domain is pure rules: no I/O, no framework.'),
    },
  },
);
