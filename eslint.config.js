import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'dist-bench/', 'coverage/', 'examples/*/dist/', 'examples/*/node_modules/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    // One program for every TypeScript file: tsconfig.json includes src, scripts, test and examples/*/src, and maps
    // `commerce-foundation` to src/index.ts, which the examples' own tsconfig (built against the package) does not.
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers in messages are deliberate and print well; `undefined`, objects and the like still need a decision.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowRegExp: false },
      ],
      // `(x) => done(x)` is how a callback is written; a void-returning call as a statement or operand is still caught.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A constructor type that admits every class (inversify's `Newable`) is `new (...args: any[]) => T`.
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      // `{ modelName: _, ...rest }` is how a property is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // `T | void` is how a callback's type lets it return nothing (a migration, a command): an `async` function that
      // returns nothing is a Promise<void>, which `T | undefined` would refuse.
      '@typescript-eslint/no-invalid-void-type': 'off',
      // knex 3.3 marks primary(columns, name) deprecated, but its SQLite CREATE TABLE reads only that form: the
      // options object it prefers comes out as `constraint … as constraintName`.
      '@typescript-eslint/no-deprecated': ['error', { allow: [{ from: 'package', package: 'knex', name: 'primary' }] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // V8's Array.prototype.flatMap and flat cost one to two microseconds a call in Node 20, however short the
      // array: src flattens with util/flatMap, a plain loop.
      'no-restricted-properties': [
        'error',
        { property: 'flatMap', message: 'use flatMap from src/util/flatMap.ts (a plain loop; the built-in costs about 1 µs a call)' },
        { property: 'flat', message: 'use flatMap(items, (item) => item) from src/util/flatMap.ts (the built-in costs about 2 µs a call)' },
      ],
    },
  },
  {
    files: ['test/**/*.test.ts'],
    rules: {
      // A test reads untyped data (database rows, the JSON a command printed, a parsed file) only to assert on it: a
      // wrong shape fails the assertion, so typing each read would add words, not safety. test/support stays strict.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // A test spreads an Error into JSON to see its own fields (a driver's code) beside its message.
      '@typescript-eslint/no-misused-spread': ['error', { allow: [{ from: 'lib', name: 'Error' }] }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', '**/*.d.cts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
