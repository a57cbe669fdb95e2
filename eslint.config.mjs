import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // JavaScript is generated, vendored or a test fixture, except the Lambda worker bootstrap, which is ours.
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/', '**/*.js', '!local/lambda/worker-bootstrap.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Runs as plain CommonJS in a worker thread, with no loader: require is how it loads a handler.
    files: ['local/lambda/worker-bootstrap.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
