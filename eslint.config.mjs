import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.vscode-test/', '.scratch/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import x = require()` is typed, and it takes a CommonJS library's exports object as it is,
      // where esbuild copies every export of it for each ES import (src/vscode/languageClient.ts).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    // The build scripts are CommonJS run by Node.
    files: ['esbuild.js', 'scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine must stay usable from the CLI, the language server and tests alike.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core is editor-agnostic: no vscode import.' },
        ],
        patterns: [
          { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'src/core is editor-agnostic: no LSP import.' },
          { group: ['../server/*', '../vscode/*', '../../server/*', '../../vscode/*'], message: 'src/core must not depend on the server or client.' },
        ],
      }],
    },
  },
  {
    // The language server runs outside the editor (dist/server.js, `portolan lsp`): no editor API.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/server runs outside VS Code: no vscode import.' },
        ],
        patterns: [
          { group: ['../vscode/*', '../extension'], message: 'src/server must not depend on the VS Code client.' },
        ],
      }],
    },
  },
);
