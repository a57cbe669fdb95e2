import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // JavaScript is generated, vendored or a test fixture, except the Lambda worker's own files and npm start's launcher, which are ours.
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.local/',
      'coverage/',
      '**/*.js',
      '!local/lambda/worker-bootstrap.js',
      '!local/lambda/module-resolution.js',
      '!local/cli/launch.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The support kit serves test/, bench/ and scripts/; nothing outside test/ may lean on a test's files.
    files: ['**/*.ts'],
    ignores: ['test/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/test/**'], message: 'Only tests import from test/; shared helpers belong in support/.' }] }] },
  },
  {
    // The local runtime knows nothing of the app or of its tools: cdk.out is its only input.
    files: ['local/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/support/**', '**/services/**', '**/cdk/**', '**/scripts/**', '**/bench/**', '**/test/**'], message: 'local/ imports none of the app, its scripts, the support kit or the tests.' }] },
      ],
    },
  },
  {
    // Plain CommonJS with no loader: in a worker thread, require is how it loads a handler; npm start's launcher
    // runs before any TypeScript can.
    files: ['local/lambda/worker-bootstrap.js', 'local/lambda/module-resolution.js', 'local/cli/launch.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
