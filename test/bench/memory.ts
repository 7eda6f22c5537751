import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommerceFoundation } from '../../src/index.js';

const count = 10_000;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Heap per cached profile: 10,000 UserObject profiles (each with two addresses in its list) read into the cache. */
export async function memoryBench(): Promise<{ profiles: number; bytesPerProfile: number }> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-memory-'));
  const foundation = await createCommerceFoundation({ root, database: 'sqlite::memory:' });
  try {
    const { profiles } = foundation;
    const home = profiles.newProfile('home', 'Address');
    const office = profiles.newProfile('office', 'Address');
    await profiles.saveProfiles([home, office]);
    const ids = Array.from({ length: count }, (_, i) => `user-${String(i).padStart(6, '0')}`);
    for (let start = 0; start < count; start += 1000) {
      const batch = ids.slice(start, start + 1000).map((id) =>
        profiles
          .newProfile(id, 'UserObject')
          .set('GeneralInfo.email_address', `${id}@example.com`)
          .set('GeneralInfo.first_name', 'First')
          .set('GeneralInfo.last_name', 'Last')
          .set('AccountInfo.account_status', 1)
          .set('GeneralInfo.address_list', ['home', 'office']),
      );
      await profiles.saveProfiles(batch);
    }
    await foundation.profileManagement.refreshProfileCache();
    const before = heapAfterGc();
    for (let start = 0; start < count; start += 1000) await profiles.getProfiles(ids.slice(start, start + 1000), 'UserObject');
    const after = heapAfterGc();
    const cached = foundation.profileManagement.cachedProfiles;
    if (cached !== count) throw new Error(`expected ${count} cached profiles, found ${cached}`);
    return { profiles: count, bytesPerProfile: (after - before) / count };
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
