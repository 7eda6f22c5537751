import { CommerceQuery, ComponentFault, ItemDoesNotExistFault, type OperationContext } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { sequenceFile } from '../../support/tempApp.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

forEachDatabase((target) => {
  let s: Started;
  afterEach(() => s.stop());

  async function user(id: string, email: string) {
    const p = await s.foundation.profiles.createProfile(id, 'UserObject');
    await p.set('GeneralInfo.email_address', email).update();
    return p;
  }

  async function lookups() {
    const { profiles } = s.foundation;
    return [
      (await profiles.getProfile('u1', 'UserObject'))?.primaryKey,
      (await profiles.getProfile('GeneralInfo.user_id', 'u1', 'UserObject'))?.primaryKey,
      (await profiles.getProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject'))?.primaryKey,
    ];
  }

  test('a cached profile is found by any of its keys without sending SQL', async () => {
    s = await startFoundation(target);
    await user('u1', 'ann@example.com');
    await s.foundation.profileManagement.refreshProfileCache();
    s.sql.reset();
    expect(await s.foundation.profiles.getProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject')).not.toBeNull();
    expect(s.sql.count()).toBe(1);
    s.sql.reset();
    expect(await lookups()).toEqual(['u1', 'u1', 'u1']);
    expect(s.sql.statements).toEqual([]);
  });

  test('a profile with all its lists loads in one statement', async () => {
    s = await startFoundation(target);
    for (const id of ['a1', 'a2']) await (await s.foundation.profiles.createProfile(id, 'Address')).update();
    const p = await user('u1', 'ann@example.com');
    await p.set('GeneralInfo.address_list', ['a2', 'a1']).update();
    await s.foundation.profileManagement.refreshProfileCache();
    s.sql.reset();
    expect((await s.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.address_list')).toEqual(['a2', 'a1']);
    expect(s.sql.count()).toBe(1);
  });

  test('the cache holds at most maxEntries profiles, dropping the least recently used', async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { cache: { maxEntries: 2 } } } });
    for (const id of ['a1', 'a2', 'a3']) await (await s.foundation.profiles.createProfile(id, 'Address')).update();
    expect(s.foundation.profileManagement.cachedProfiles).toBe(2);
    await s.foundation.profiles.getProfile('a2', 'Address'); // a2 used: a3 is now the least recently used
    await s.foundation.profiles.getProfile('a1', 'Address'); // loads a1, drops a3
    s.sql.reset();
    await s.foundation.profiles.getProfile('a2', 'Address');
    await s.foundation.profiles.getProfile('a1', 'Address');
    expect(s.sql.count()).toBe(0);
    await s.foundation.profiles.getProfile('a3', 'Address');
    expect(s.sql.count()).toBe(1);
  });

  test('a cached profile is trusted for ttlSeconds, then read again', async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { cache: { ttlSeconds: 0.3 } } } });
    await user('u1', 'ann@example.com');
    s.sql.reset();
    await s.foundation.profiles.getProfile('u1', 'UserObject');
    expect(s.sql.count()).toBe(0);
    await sleep(400);
    await s.foundation.profiles.getProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject');
    expect(s.sql.count()).toBe(1);
  });

  test('when a UNIQUE value changes its index entry moves with it', async () => {
    s = await startFoundation(target);
    const p = await user('u1', 'ann@example.com');
    await p.set('GeneralInfo.email_address', 'ann@new.example.com').update();
    s.sql.reset();
    expect((await s.foundation.profiles.getProfile('GeneralInfo.email_address', 'ann@new.example.com', 'UserObject'))?.primaryKey).toBe('u1');
    expect(s.sql.count()).toBe(0);
    expect(await s.foundation.profiles.getProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject')).toBeNull();
  });

  test('refreshProfileCache(key, type) drops one profile; refreshProfileCache() drops them all', async () => {
    s = await startFoundation(target);
    await user('u1', 'ann@example.com');
    await user('u2', 'bob@example.com');
    await s.foundation.profileManagement.refreshProfileCache('u1', 'UserObject');
    s.sql.reset();
    await s.foundation.profiles.getProfile('u2', 'UserObject');
    expect(s.sql.count()).toBe(0);
    await s.foundation.profiles.getProfile('u1', 'UserObject');
    expect(s.sql.count()).toBe(1);
    await s.foundation.profileManagement.refreshProfileCache();
    expect(s.foundation.profileManagement.cachedProfiles).toBe(0);
  });

  test('inside an operation, knownProfile and peekProfiles answer from its own view first, without SQL: what it wrote, and nothing for what it deleted', async () => {
    const seen: unknown[] = [];
    const View = {
      async execute(context: OperationContext) {
        const { profiles } = context;
        await (await profiles.getProfile('u1', 'UserObject'))?.set('GeneralInfo.first_name', 'Changed').update();
        await profiles.deleteProfile('u2', 'UserObject');
        const before = s.sql.count();
        seen.push(
          profiles.knownProfile('GeneralInfo.user_id', 'u1', 'UserObject')?.get('GeneralInfo.first_name'),
          profiles.knownProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject')?.get('GeneralInfo.first_name'),
          profiles.knownProfile('GeneralInfo.user_id', 'u2', 'UserObject'),
          profiles.knownProfile('GeneralInfo.email_address', 'bob@example.com', 'UserObject'),
          profiles.peekProfiles(['u2', 'u1', 'u3'], 'UserObject').map((p) => p.primaryKey),
          s.sql.count() - before,
        );
      },
    };
    s = await startFoundation(target, { files: { 'sequences/CommerceQueryOperation_Check.json': sequenceFile('View') }, components: { View } });
    await user('u1', 'ann@example.com');
    await user('u2', 'bob@example.com');
    await user('u3', 'cat@example.com');
    await s.foundation.profileManagement.refreshProfileCache('u3', 'UserObject');
    await s.foundation.processRequest(new CommerceQuery('Check'));
    // u2 is null (deleted here) by either key, and left out of peekProfiles with u3, which neither the view nor the cache holds.
    expect(seen).toEqual(['Changed', 'Changed', null, null, ['u1'], 0]);
    // After the commit the cache holds the change, and knows nothing of u2: only the store could say.
    expect(s.foundation.profiles.knownProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject')?.get('GeneralInfo.first_name')).toBe('Changed');
    expect(s.foundation.profiles.knownProfile('GeneralInfo.user_id', 'u2', 'UserObject')).toBeUndefined();
  });

  test('getProfileNow answers as getProfile does: in this turn from the view and the cache, and from the store where it answers at once (SQLite, outside a transaction), else as a promise', async () => {
    const seen: Record<string, unknown> = {};
    const isPromise = (value: unknown) => value instanceof Promise;
    const Reads = {
      async execute(context: OperationContext) {
        const { profiles } = context;
        const cold = profiles.getProfileNow('GeneralInfo.email_address', 'ann@example.com', 'UserObject');
        seen['cold is a promise'] = isPromise(cold);
        seen['cold'] = (await cold)?.primaryKey;
        seen['then known'] = isPromise(profiles.getProfileNow('GeneralInfo.user_id', 'u1', 'UserObject'));
        seen['absent'] = await profiles.getProfileNow('GeneralInfo.user_id', 'nobody', 'UserObject');
        seen['locked is a promise'] = isPromise(profiles.getProfileNow('GeneralInfo.user_id', 'u2', 'UserObject', { lock: 'update' }));
        // After a write a transaction is open: reads go through it, and wait.
        await (await profiles.getProfile('u2', 'UserObject'))?.set('GeneralInfo.first_name', 'Bo').update();
        const inTransaction = profiles.getProfileNow('GeneralInfo.user_id', 'u3', 'UserObject');
        seen['in a transaction is a promise'] = isPromise(inTransaction);
        seen['in a transaction'] = (await inTransaction)?.get('GeneralInfo.email_address');
        seen['written'] = (profiles.getProfileNow('GeneralInfo.user_id', 'u2', 'UserObject') as { get(name: string): unknown } | null)?.get('GeneralInfo.first_name');
      },
    };
    s = await startFoundation(target, { files: { 'sequences/CommerceQueryOperation_Check.json': sequenceFile('Reads') }, components: { Reads } });
    await user('u1', 'ann@example.com');
    await user('u2', 'bob@example.com');
    await user('u3', 'cat@example.com');
    await s.foundation.profileManagement.refreshProfileCache();
    await s.foundation.processRequest(new CommerceQuery('Check'));
    const sqlite = target.label === 'SQLite';
    expect(seen).toEqual({
      'cold is a promise': !sqlite,
      cold: 'u1',
      'then known': false,
      absent: null,
      'locked is a promise': true,
      'in a transaction is a promise': true,
      'in a transaction': 'cat@example.com',
      written: 'Bo',
    });
    // Outside an operation: the cache, else getProfile's promise.
    expect((s.foundation.profiles.getProfileNow('GeneralInfo.user_id', 'u1', 'UserObject') as { primaryKey: string } | null)?.primaryKey).toBe('u1');
    await s.foundation.profileManagement.refreshProfileCache();
    const outside = s.foundation.profiles.getProfileNow('GeneralInfo.user_id', 'u1', 'UserObject');
    expect(outside).toBeInstanceOf(Promise);
    expect((await outside)?.primaryKey).toBe('u1');
  });

  test('nothing a rolled-back operation loaded or wrote reaches the cache or stays in the store', async () => {
    const LoadAndWrite = {
      async execute(context: OperationContext) {
        const ann = await context.profiles.getProfile('u1', 'UserObject');
        await ann?.set('GeneralInfo.first_name', 'Changed').update();
        await context.profiles.getProfile('u2', 'UserObject');
        const created = await context.profiles.createProfile('u3', 'UserObject');
        await created.set('GeneralInfo.email_address', 'cat@example.com').update();
        expect((await context.profiles.getProfile('u3', 'UserObject'))?.get('GeneralInfo.email_address')).toBe('cat@example.com');
      },
    };
    const Fail = { execute: () => Promise.reject(new Error('after the writes')) };
    s = await startFoundation(target, {
      files: { 'sequences/CommerceQueryOperation_Check.json': sequenceFile('LoadAndWrite', 'Fail') },
      components: { LoadAndWrite, Fail },
    });
    await user('u1', 'ann@example.com');
    await user('u2', 'bob@example.com');
    await s.foundation.profileManagement.refreshProfileCache('u2', 'UserObject');
    await expect(s.foundation.processRequest(new CommerceQuery('Check'))).rejects.toBeInstanceOf(ComponentFault);

    s.sql.reset();
    expect((await s.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.first_name')).toBeNull();
    expect(s.sql.count()).toBe(0); // u1 still cached as it was before the operation
    expect(await s.foundation.profiles.getProfile('u2', 'UserObject')).not.toBeNull();
    expect(s.sql.count()).toBe(1); // u2 was loaded by the rolled-back operation only
    expect(await s.foundation.profiles.getProfile('GeneralInfo.email_address', 'cat@example.com', 'UserObject')).toBeNull();
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('first_name')).toEqual({ first_name: null });
  });

  /** An operation that reads u1 (after `first`, if given), then waits for `resume()` before it commits. */
  function slowReader(first?: (context: OperationContext) => Promise<void>) {
    let resume!: () => void;
    let hasRead!: () => void;
    const paused = new Promise<void>((r) => (resume = r));
    const read = new Promise<void>((r) => (hasRead = r));
    const SlowReader = {
      async execute(context: OperationContext) {
        if (first) {
          await first(context);
          hasRead();
          await paused;
          await context.profiles.getProfile('u1', 'UserObject');
          return;
        }
        await context.profiles.getProfile('u1', 'UserObject');
        hasRead();
        await paused;
      },
    };
    return { SlowReader, read, resume: () => resume() };
  }

  async function startWith(SlowReader: { execute(context: OperationContext): Promise<void> }) {
    s = await startFoundation(target, { files: { 'sequences/CommerceQueryOperation_Check.json': sequenceFile('SlowReader') }, components: { SlowReader } });
    await user('u1', 'ann@example.com');
    await user('u2', 'bob@example.com');
    await s.foundation.profileManagement.refreshProfileCache();
  }

  test('a profile read before another operation changed it is not put in the cache when the reader commits', async () => {
    const slow = slowReader();
    await startWith(slow.SlowReader);
    const running = s.foundation.processRequest(new CommerceQuery('Check'));
    await slow.read;
    await (await s.foundation.profiles.getProfile('u1', 'UserObject'))?.set('GeneralInfo.first_name', 'Newer').update();
    slow.resume();
    await running;
    expect((await s.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.first_name')).toBe('Newer');
  });

  test('a profile read before another operation deleted it does not come back into the cache', async () => {
    const slow = slowReader();
    await startWith(slow.SlowReader);
    const running = s.foundation.processRequest(new CommerceQuery('Check'));
    await slow.read;
    expect(await s.foundation.profiles.deleteProfile('u1', 'UserObject')).toBe(true);
    slow.resume();
    await running;
    expect(await s.foundation.profiles.getProfile('u1', 'UserObject')).toBeNull();
    expect(await s.foundation.profiles.getProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject')).toBeNull();
  });

  if (target.label === 'MariaDB') {
    test('a profile read from a transaction snapshot older than a change is not put in the cache', async () => {
      // The transaction begins (a write to u2) and reads (an email), fixing its REPEATABLE READ snapshot; u1 changes
      // on another server, whose message evicts it here; the transaction then reads u1 as of its snapshot.
      const slow = slowReader(async (context) => {
        await (await context.profiles.getProfile('u2', 'UserObject'))?.set('GeneralInfo.first_name', 'Bob').update();
        await context.profiles.getProfile('GeneralInfo.email_address', 'nobody@example.com', 'UserObject');
      });
      await startWith(slow.SlowReader);
      const running = s.foundation.processRequest(new CommerceQuery('Check'));
      await slow.read;
      await s.foundation.knex('user_object').where({ user_id: 'u1' }).update({ first_name: 'Newer' });
      await s.foundation.profileManagement.refreshProfileCache('u1', 'UserObject');
      slow.resume();
      await running;
      expect((await s.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.first_name')).toBe('Newer');
      expect((await s.foundation.profiles.getProfile('u2', 'UserObject'))?.get('GeneralInfo.first_name')).toBe('Bob');
    });
  }

  test('a failed non-transactional operation leaves the cache without the profiles it wrote, as the store kept them', async () => {
    const Write = {
      async execute(context: OperationContext) {
        await (await context.profiles.getProfile('u1', 'UserObject'))?.set('GeneralInfo.first_name', 'Kept').update();
        expect(await context.profiles.deleteProfile('u2', 'UserObject')).toBe(true);
      },
    };
    const Fail = { execute: () => Promise.reject(new Error('after the writes')) };
    s = await startFoundation(target, {
      files: { 'sequences/CommerceQueryOperation_Check.json': { transactional: false, components: [{ name: 'Write' }, { name: 'Fail' }] } },
      components: { Write, Fail },
    });
    await user('u1', 'ann@example.com');
    await user('u2', 'bob@example.com');
    await expect(s.foundation.processRequest(new CommerceQuery('Check'))).rejects.toBeInstanceOf(ComponentFault);
    expect((await s.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.first_name')).toBe('Kept');
    expect(await s.foundation.profiles.getProfile('u2', 'UserObject')).toBeNull();
  });

  test('a write that failed part way, its fault caught by the component, leaves no stale profile in the cache at commit', async () => {
    const Write = {
      async execute(context: OperationContext) {
        const ann = await context.profiles.getProfile('u1', 'UserObject');
        // The row is updated, then its address list fails: the statement before stays in the transaction.
        ann?.set('GeneralInfo.first_name', 'Half').set('GeneralInfo.address_list', ['no-such-address']);
        await expect(ann?.update()).rejects.toBeInstanceOf(ItemDoesNotExistFault);
      },
    };
    s = await startFoundation(target, { files: { 'sequences/CommerceQueryOperation_Check.json': sequenceFile('Write') }, components: { Write } });
    await user('u1', 'ann@example.com');
    await s.foundation.processRequest(new CommerceQuery('Check'));
    const stored = await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('first_name');
    expect((await s.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.first_name')).toBe(stored?.first_name);
  });

  test('what a committed operation loaded and wrote is in the cache afterwards', async () => {
    const Write = {
      async execute(context: OperationContext) {
        const ann = await context.profiles.getProfile('u1', 'UserObject');
        await ann?.set('GeneralInfo.first_name', 'Ann').update();
      },
    };
    s = await startFoundation(target, { files: { 'sequences/CommerceQueryOperation_Check.json': sequenceFile('Write') }, components: { Write } });
    await user('u1', 'ann@example.com');
    await s.foundation.profileManagement.refreshProfileCache();
    await s.foundation.processRequest(new CommerceQuery('Check'));
    s.sql.reset();
    expect((await s.foundation.profiles.getProfile('GeneralInfo.email_address', 'ann@example.com', 'UserObject'))?.get('GeneralInfo.first_name')).toBe('Ann');
    expect(s.sql.count()).toBe(0);
  });
});
