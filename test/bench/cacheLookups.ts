import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommerceFoundation } from '../../src/index.js';
import { measure, type MeasureOptions } from './measure.js';

export interface LookupRate {
  readonly name: string;
  readonly perSecond: number;
}

const profilesCached = 1000;
const batch = 1000;

/** Lookups per second of cached profiles, by PRIMARY key and by a UNIQUE key: in the cache itself, and through getProfile. */
export async function cacheBench(options: MeasureOptions): Promise<LookupRate[]> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-cache-'));
  const foundation = await createCommerceFoundation({ root, database: 'sqlite::memory:' });
  try {
    const { profiles } = foundation;
    const ids = Array.from({ length: profilesCached }, (_, i) => `u${i}`);
    await profiles.saveProfiles(ids.map((id) => profiles.newProfile(id, 'UserObject').set('GeneralInfo.email_address', `${id}@example.com`)));
    const cache = foundation.profilesSystem.cache;
    let i = 0;
    const next = () => ids[(i = (i + 1) % profilesCached)] ?? '';
    const rate = async (name: string, lookup: () => unknown) => {
      const ms = await measure({ perRun: batch, run: async () => { for (let n = 0; n < batch; n++) await lookup(); } }, options);
      return { name, perSecond: 1000 / ms };
    };
    const syncRate = async (name: string, lookup: () => unknown) => {
      const ms = await measure({ perRun: batch, run: () => { for (let n = 0; n < batch; n++) lookup(); } }, options);
      return { name, perSecond: 1000 / ms };
    };
    return [
      await syncRate('ProfileCache.get, by PRIMARY key', () => cache.get('UserObject', next())),
      await syncRate('ProfileCache.find, by UNIQUE key (email)', () => cache.find('UserObject', 'GeneralInfo.email_address', `${next()}@example.com`)),
      await rate('profiles.getProfile(id, type)', () => profiles.getProfile(next(), 'UserObject')),
      await rate("profiles.getProfile('GeneralInfo.email_address', email, type)", () => profiles.getProfile('GeneralInfo.email_address', `${next()}@example.com`, 'UserObject')),
    ];
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
