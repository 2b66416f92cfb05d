import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';
import { boundaries } from './tools/eslint/boundaries.mjs';

// No `any` flows unchecked: a value typed `any` (a JSON body, a raw query result) is given a type
// before it is used. On for all of apps/ and libs/.
// Tests are left out: jest's asymmetric matchers (`expect.any`, `expect.objectContaining`) and
// supertest's `res.body` are `any` by their libraries' design, and asserting on them is the point.
const noUnsafeAny = {
  '@typescript-eslint/no-unsafe-assignment': 'error',
  '@typescript-eslint/no-unsafe-member-access': 'error',
  '@typescript-eslint/no-unsafe-call': 'error',
  '@typescript-eslint/no-unsafe-return': 'error',
  '@typescript-eslint/no-unsafe-argument': 'error',
};
const unsafeAnyChecked = ['libs/**/*.ts', 'apps/**/*.ts'];

// TypeORM's `query()` answers `any` and takes its result type on trust from wherever it lands.
// Results are read through rows<T>() / oneRow<T>() / maybeRow<T>() with a row type instead; only a
// statement whose result is not read (`await em.query(...)`) calls query() itself.
const queryResultRead = {
  selector: "CallExpression[callee.property.name='query']:not(ExpressionStatement > AwaitExpression > CallExpression)",
  message:
    'Read SQL results through rows<T>() / oneRow<T>() / maybeRow<T>() from #platform with a row type; call query() directly only for a statement whose result is not read.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results/**', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        // With decorator metadata on, consistent-type-imports leaves files with decorators alone:
        // a type-only import there would erase the class Nest injects.
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    plugins: { o2c: { rules: { boundaries } } },
    rules: {
      'o2c/boundaries': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  { files: unsafeAnyChecked, ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**'], rules: noUnsafeAny },
  {
    files: ['apps/*/src/**/*.ts', 'libs/platform/src/**/*.ts'],
    ignores: ['libs/platform/src/database/sql.ts', '**/migrations/**'],
    rules: { 'no-restricted-syntax': ['error', queryResultRead] },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    plugins: { jest },
    rules: {
      'jest/valid-expect': 'error',
      'jest/no-focused-tests': 'error',
      'jest/no-identical-title': 'error',
    },
  },
);
