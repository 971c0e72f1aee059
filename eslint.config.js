// ESLint (flat config): the recommended rules of ESLint, typescript-eslint and eslint-plugin-astro; formatting is
// Prettier's (.prettierrc.json), so no stylistic rules here. Prettier + ESLint rather than Biome: Biome lints and
// formats only the frontmatter of .astro files, not their templates.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      '.vercel/',
      '.netlify/',
      '.wrangler/',
      'node_modules/',
      'data/',
      'test-results/',
      'bench/tmp/',
      'bench/results.json',
      'content/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs['flat/recommended'],
  {
    files: ['**/*.{js,mjs}'],
    // The only plain JavaScript is configuration run by Node.
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      // Unused arguments named with a leading underscore are kept on purpose (an interface's shape); the same for
      // caught errors that are deliberately ignored.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
