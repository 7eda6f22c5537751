import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommerceDelete, createCommerceFoundation, type UserProfile } from '../../src/index.js';
import type { BenchDatabase } from './benchDatabases.js';
import { seedNeighbour, seedUser } from './fixtures.js';
import { measure, type MeasureOptions } from './measure.js';

export interface ScalingRow {
  readonly addresses: number;
  readonly statements: number;
  readonly ms: number;
}

const deleteBy = (email: string) => {
  const op = new CommerceDelete<UserProfile>('UserProfile');
  op.searchCriteria.model.email = email;
  return op;
};

/** SQL statements and time per Delete as a user's addresses grow 1 → 10 → 100 (none shared; 2 cards billed to the first). */
export async function scalingBench(database: BenchDatabase, options: MeasureOptions): Promise<ScalingRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-scaling-'));
  const foundation = await createCommerceFoundation({ root, database: database.config });
  try {
    await seedNeighbour(foundation);
    const rows: ScalingRow[] = [];
    for (const addresses of [1, 10, 100]) {
      const traced = await foundation.processRequest(deleteBy(await seedUser(foundation, addresses, 2, false)), { trace: true });
      const statements = (traced.trace ?? []).reduce((sum, t) => sum + t.sqlStatements, 0) + 1; // + the COMMIT after the last component
      let email = '';
      const ms = await measure(
        { run: () => foundation.processRequest(deleteBy(email)), options: { beforeEach: async () => void (email = await seedUser(foundation, addresses, 2, false)) } },
        options,
      );
      rows.push({ addresses, statements, ms });
    }
    return rows;
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
