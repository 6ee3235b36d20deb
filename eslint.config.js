import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', 'data/', 'backend/drizzle/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The API's shapes and shared rules come from one place, the backend's contract (backend/src/contract.ts):
      // the web app holds no copy of them, and bundles nothing of the backend the contract does not vouch for.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@lcfin/backend/*', '!@lcfin/backend/contract', '**/backend/src/**'],
              message: "Import the backend's shapes and rules from '@lcfin/backend/contract' only.",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
