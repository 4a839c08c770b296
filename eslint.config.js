// Import boundaries from ../shared/STYLE.md, plus the floating-promise check: a forgotten `await` on an
// activity or a workflow API is a real bug.
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import { builtinModules } from 'node:module';

const layers = ['domain', 'providers', 'prisma', 'workflows', 'activities', 'worker', 'api', 'web', 'scripts', 'test', 'bench'];
/** `target` may not import from any of `forbidden`. */
const zone = (target, forbidden, message) =>
  forbidden.map((from) => ({ target: `./${target}`, from: `./${from}`, message }));

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'prisma/generated/**', 'web/.next/**', 'web/.next-test/**', 'web/next-env.d.ts', '.data/**', '.tools/**', 'test-results/**', '**/*.mjs', 'eslint.config.js'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: ['tsconfig.json', 'web/tsconfig.json'], noWarnOnMultipleProjects: true } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zone('domain', layers.filter((l) => l !== 'domain'), 'domain/ is pure and imports nothing of ours.'),
            ...zone('providers', ['prisma', 'workflows', 'activities', 'worker', 'api', 'web', 'scripts'], 'providers/ may import domain/ and vendor SDKs only.'),
            ...zone('prisma', ['providers', 'workflows', 'activities', 'worker', 'api', 'web', 'scripts'], 'prisma/ may import domain/ and Prisma only.'),
            ...zone('workflows', ['prisma', 'providers', 'worker', 'api', 'web', 'scripts'], 'Workflows are deterministic: no database, providers or I/O.'),
            ...zone('activities', ['api', 'web', 'worker', 'scripts'], 'activities/ must not import the API, the web app or the worker.'),
            ...zone('worker', ['api', 'web'], 'The worker must not import the API or the web app.'),
            ...zone('api', ['activities', 'worker', 'web', 'scripts'], 'Every send goes through a workflow: the API never calls activities.'),
            ...zone('web', ['prisma', 'workflows', 'activities', 'worker', 'api', 'providers', 'scripts'], 'The web app talks to the API over HTTP.'),
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins.' })),
          patterns: [
            { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'Import activities as types only.' },
            { group: ['pino', 'pg', '@prisma/*'], message: 'Workflows do no I/O.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the workflow’s deterministic uuid4()/random from @temporalio/workflow.' },
        { selector: "CallExpression[callee.name='setTimeout']", message: 'Use sleep() or condition() with a timeout.' },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/workflows/*', '!**/workflows/definitions'], allowTypeImports: true, message: 'Activities import workflow types only.' }] },
      ],
    },
  },
  {
    // Every database access lives in prisma/queries/ (one place to read for tenant scoping and indexes).
    files: ['activities/**/*.ts', 'api/**/*.ts', 'worker/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            // `client.schedule.create(…)` is Temporal's schedule client, not a Prisma model.
            "CallExpression > MemberExpression.callee[object.type='MemberExpression'][object.property.name!='schedule'][property.name=/^(findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|findMany|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|count|aggregate|groupBy)$/]",
          message: 'Database access lives in prisma/queries/: call (or add) a query function there.',
        },
        {
          selector: "MemberExpression[property.name=/^[$](transaction|queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)$/]",
          message: 'Database access lives in prisma/queries/: call (or add) a query function there.',
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'domain/ is pure: no Node built-ins.' })),
          // Luxon: time-zone maths from a field library; it reads no clock when given explicit instants.
          patterns: [{ regex: '^(?!zod$|luxon$|\\.{1,2}/)', message: 'domain/ imports zod and luxon only.' }],
        },
      ],
    },
  },
  {
    files: ['providers/**/*.ts', 'prisma/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['@temporalio/*'], message: 'Temporal stays out of providers/ and prisma/.' }] }],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@temporalio/*', '@prisma/*', 'pg'], message: 'The web app talks to the API over HTTP.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
