import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // JavaScript is generated, vendored or a test fixture, except the Lambda worker's own files, which are ours.
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.local/',
      'coverage/',
      '**/*.js',
      '!local/lambda/worker-bootstrap.js',
      '!local/lambda/module-resolution.js',
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
    // Runs as plain CommonJS in a worker thread, with no loader: require is how it loads a handler.
    files: ['local/lambda/worker-bootstrap.js', 'local/lambda/module-resolution.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
