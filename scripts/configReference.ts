import { z } from 'zod';
import { commerceConfigSchema } from '../src/config/commerceConfigSchema.js';
import { authorizationConfigSchema } from '../src/authorization/authorizationConfigSchema.js';
import { modelFileSchema } from '../src/models/files/modelFileSchema.js';
import { profileDefinitionSchema } from '../src/profiles/definitions/profileDefinitionSchema.js';
import { sequenceFileSchema } from '../src/sequences/sequenceFileSchema.js';
import { sequencePatchFileSchema } from '../src/sequences/sequencePatchSchema.js';

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  default?: unknown;
  description?: string | undefined;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

interface Row {
  key: string;
  types: Set<string>;
  defaultValue: string;
  notes: string[];
}

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' or ');
  if (schema.type === 'string' && schema.pattern?.includes('mysql')) return 'URL';
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return schema.type === 'integer' ? 'integer' : (schema.type ?? 'value');
}

function walk(schema: JsonSchema, key: string, rows: Map<string, Row>, condition = ''): void {
  const variants = schema.anyOf ?? schema.oneOf;
  const row = (types: string[]) => {
    const existing = rows.get(key) ?? { key, types: new Set<string>(), defaultValue: '', notes: [] };
    for (const type of types) existing.types.add(type);
    if (schema.default !== undefined && typeof schema.default !== 'object') existing.defaultValue = JSON.stringify(schema.default);
    const note = schema.description ? `${condition}${schema.description}` : '';
    if (note && !existing.notes.includes(note)) existing.notes.push(note);
    rows.set(key, existing);
  };
  if (variants) {
    row(variants.filter((v) => !v.properties && !v.anyOf && !v.oneOf).map(typeOf).concat(variants.some((v) => v.properties || v.anyOf || v.oneOf) ? ['object'] : []));
    for (const variant of variants) {
      const client = variant.properties?.['client']?.const;
      if (variant.properties || variant.anyOf || variant.oneOf) walk({ ...variant, description: undefined }, key, rows, typeof client === 'string' ? `With \`client: "${client}"\`: ` : condition);
    }
    return;
  }
  if (schema.properties) {
    if (key && schema.description) row(['object']);
    for (const [name, child] of Object.entries(schema.properties)) {
      if (name !== '$schema') walk(child, key ? `${key}.${name}` : name, rows, condition);
    }
    return;
  }
  if (typeof schema.additionalProperties === 'object') {
    // A record: its keys are names of the user's (an entity property, a handler), shown as <name>.
    row(['object']);
    walk({ ...schema.additionalProperties, description: undefined }, `${key}.<name>`, rows, condition);
    return;
  }
  if (schema.type === 'array' && schema.items) {
    row(['array']);
    walk({ ...schema.items, description: undefined }, `${key}[]`, rows, condition);
    return;
  }
  row([typeOf(schema)]);
}

const environment: readonly (readonly [name: string, meaning: string])[] = [
  ['COMMERCE_DATABASE_URL', 'The database, when `createCommerceFoundation` is given none: `mysql://…`, `sqlite:<path>` or `sqlite::memory:`. Comes before `database` here.'],
  ['COMMERCE_ENCRYPTION_KEY', 'The key for card numbers; comes before `encryptionKey` here.'],
  ['COMMERCE_LOG_LEVEL', 'The default logger\'s level (and the `commerce` CLI\'s, whose log lines go to stderr; `warn` when unset); comes before `log.level` here.'],
  ['PORT', 'The port `commerce serve` listens on when `--port` is not given; default 8080.'],
  ['HOST', 'The address `commerce serve` listens on when `--host` is not given; default 127.0.0.1. Another than a loopback one needs `server.auth`.'],
  ['COMMERCE_TEST_MYSQL_URL', 'For the test suite only: the MariaDB/MySQL server to run the MariaDB suites on.'],
  ['COMMERCE_TEST_REDIS_URL', 'For the test suite only: the Redis server to run the web farm suites on.'],
];

/** The files the reference describes, each from the zod schema that checks it. */
const files: { title: string; schema: z.ZodType }[] = [
  { title: '`<root>/config/commerce.json` (every key optional; JSON Schema: `schemas/commerce.schema.json`)', schema: commerceConfigSchema },
  { title: 'A sequence file, `<root>/sequences/<Handler>.json` (JSON Schema: `schemas/sequence.schema.json`)', schema: sequenceFileSchema },
  {
    title:
      'A patch file, `<root>/sequences/<Handler>.patch.json` (and `sequences/<channel>/<Handler>.patch.json`; JSON Schema: `schemas/sequence-patch.schema.json`); each entry of `patches` is one of `add` (with `before`, `after` or `at`), `remove`, `replace` (with `with`) and `configure` (with `configuration`)',
    schema: sequencePatchFileSchema,
  },
  { title: 'A profile definition, `<root>/config/profiles/<Name>.json` (JSON Schema: `schemas/profile-definition.schema.json`)', schema: profileDefinitionSchema },
  { title: 'A model file, `<root>/config/models/<Model>.json` (JSON Schema: `schemas/model.schema.json`)', schema: modelFileSchema },
  { title: '`<root>/config/authorization.json` (optional: without it every operation is allowed; JSON Schema: `schemas/authorization.schema.json`)', schema: authorizationConfigSchema },
];

function referenceTable(schema: z.ZodType): string[] {
  const rows = new Map<string, Row>();
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '', rows);
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| key | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...[...rows.values()].map((r) => `| \`${r.key}\` | ${cell([...r.types].join(' or '))} | ${r.defaultValue ? `\`${r.defaultValue}\`` : ''} | ${cell(r.notes.join(' '))} |`),
  ];
}

/** The configuration reference in the README: made from the zod schemas that check each file. */
export function configurationReference(): string {
  return [
    ...files.flatMap(({ title, schema }) => [`${title}:`, '', ...referenceTable(schema), '']),
    'Environment variables:',
    '',
    '| variable | meaning |',
    '| --- | --- |',
    ...environment.map(([name, meaning]) => `| \`${name}\` | ${meaning} |`),
  ].join('\n');
}

export const referenceStart = '<!-- configuration-reference:start (generated by npm run build from the zod schemas; do not edit) -->';
export const referenceEnd = '<!-- configuration-reference:end -->';

/** The README with its configuration reference block replaced by the generated one. */
export function withConfigurationReference(readme: string): string {
  const start = readme.indexOf(referenceStart);
  const end = readme.indexOf(referenceEnd);
  if (start < 0 || end < start) throw new Error('README.md has no configuration reference markers');
  return `${readme.slice(0, start + referenceStart.length)}\n${configurationReference()}\n${readme.slice(end)}`;
}
