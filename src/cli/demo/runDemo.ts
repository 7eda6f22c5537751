import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommerceFoundation } from '../../index.js';
import { cliLogger } from '../cliLogger.js';
import type { CliIO } from '../CliIO.js';
import { formatTrace } from '../formatTrace.js';
import { demoSteps } from './demoSteps.js';
import { describeResult } from './describeResult.js';

/**
 * The main job: the root's sequences and definitions over a new embedded SQLite database that is removed at the
 * end, so that nothing is set up before and nothing is left behind. Each operation prints its steps (component,
 * time, SQL statements) and then its result.
 */
export async function runDemo(root: string, io: CliIO): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'commerce-demo-'));
  const filename = join(dir, 'commerce.sqlite');
  const started = performance.now();
  try {
    // Its cards are sealed under a key of its own: its database is its own and goes at the end.
    const foundation = await createCommerceFoundation({ root, database: { client: 'sqlite', filename }, encryptionKey: randomBytes(32).toString('hex'), logger: cliLogger() });
    io.out(`commerce-foundation demo: SQLite at ${filename} (removed at the end)`);
    io.out(`sequences and definitions from ${root}; created ${foundation.migration?.created.length ?? 0} tables\n`);
    try {
      const methods = ['standard', 'express'].map((id) => foundation.profiles.newProfile(id, 'ShippingMethod').set('GeneralInfo.name', `${id} delivery`));
      await foundation.profiles.saveProfiles(methods);
      for (const [index, step] of demoSteps.entries()) {
        if (step.coldCache) await foundation.profileManagement.refreshProfileCache();
        const response = await foundation.processRequest(step.operation, { trace: true });
        io.out(`${index + 1}. ${step.operation.operation} ${step.operation.modelName}: ${step.title}`);
        io.out(formatTrace(response.trace ?? []));
        io.out(`${describeResult(response.operationResponses[0])}\n`);
      }
      const left = async (table: string, key: string) => (await foundation.knex(table).orderBy(key).pluck(key)).join(', ');
      io.out(`Left in the store: users ${await left('user_object', 'user_id')}; addresses ${await left('address', 'address_id')}; cards ${await left('credit_card', 'id')}`);
    } finally {
      await foundation.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  io.out(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
