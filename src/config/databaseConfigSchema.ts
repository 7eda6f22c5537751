import { z } from 'zod';

export const databaseUrlSchema = z
  .string()
  .regex(/^(mysql|mariadb):\/\/|^sqlite:/, 'must be a mysql://… URL, sqlite:<path> or sqlite::memory:');

const mysqlConnectionSchema = z.union([
  z.string().regex(/^(mysql|mariadb):\/\//, 'must be a mysql://… URL'),
  z.looseObject({ host: z.string().optional(), database: z.string().optional() }),
]);

export const partitionSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, _ or -'),
  connection: mysqlConnectionSchema,
  default: z
    .boolean()
    .optional()
    .describe('Profiles without a HASHING key, and the tables shared by all, live in the default partition.'),
});

/** The benchmarks and the README's account of what a crash can lose assume it. */
export const defaultSqliteSynchronous = 'full';

/** Connections a MySQL/MariaDB pool opens at most when `pool.max` is not given. */
export const defaultPoolMax = 10;

export const sqliteDatabaseSchema = z.strictObject({
  client: z.literal('sqlite'),
  filename: z.string().min(1).describe('Relative to the application root, or `:memory:`.'),
  synchronous: z
    .enum(['full', 'normal'])
    .optional()
    .meta({
      default: defaultSqliteSynchronous,
      description:
        'How each commit reaches the disk (PRAGMA synchronous, WAL mode). "full": a commit survives a power loss or an OS crash. "normal": faster commits that survive a crash of the process, but a power loss or an OS crash can lose the last commits (never corrupting the file).',
    }),
});

export const mysqlDatabaseSchema = z.strictObject({
  client: z.literal('mysql'),
  connection: mysqlConnectionSchema.describe('A mysql://… URL or a mysql2 connection object.'),
  pool: z
    .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(1).optional() })
    .refine(({ min, max }) => min === undefined || min <= (max ?? defaultPoolMax), {
      error: `min must not be above max (default ${defaultPoolMax})`,
      path: ['min'],
    })
    .optional(),
  partitions: z
    .array(partitionSchema)
    .min(1)
    .optional()
    .refine((list) => !list || list.filter((p) => p.default).length <= 1, 'at most one partition can be the default')
    .refine((list) => !list || new Set(list.map((p) => p.name)).size === list.length, 'partition names must differ')
    .describe(
      'Databases that profiles with a HASHING key are spread over, by the hash of that key. The one marked default (else `connection`) holds everything else. Never reorder them once in use.',
    ),
});

export const databaseConfigSchema = z
  .union([databaseUrlSchema, z.discriminatedUnion('client', [sqliteDatabaseSchema, mysqlDatabaseSchema])])
  .describe('A URL (mysql://…, sqlite:<path>, sqlite::memory:) or an object; default SQLite at data/commerce.sqlite.');

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
export type SqliteDatabaseConfig = z.infer<typeof sqliteDatabaseSchema>;
export type MysqlDatabaseConfig = z.infer<typeof mysqlDatabaseSchema>;
export type ResolvedDatabaseConfig = SqliteDatabaseConfig | MysqlDatabaseConfig;
