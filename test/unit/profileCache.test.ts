import { CacheOverlay } from '../../src/profiles/cache/CacheOverlay.js';
import { ProfileCache } from '../../src/profiles/cache/ProfileCache.js';
import { compileDefinition } from '../../src/profiles/definitions/compileDefinition.js';
import { DefinitionSet } from '../../src/profiles/definitions/DefinitionSet.js';
import { profileDefinitionSchema } from '../../src/profiles/definitions/profileDefinitionSchema.js';

const definitions = new DefinitionSet(
  [
    {
      name: 'User',
      properties: [
        { name: 'G.id', type: 'string', keys: ['DUAL'] },
        { name: 'G.email', type: 'string', keys: ['UNIQUE'] },
        { name: 'G.home', type: 'profile', references: 'Place' },
        { name: 'G.places', type: 'profile', references: 'Place', multiValued: true },
      ],
    },
    { name: 'Place', properties: [{ name: 'G.id', type: 'string', keys: ['DUAL'] }] },
  ].map((d) => compileDefinition(profileDefinitionSchema.parse(d), `${d.name}.json`)),
);

const user = (id: string, email: string, home: string | null = null, places: string[] = []) => ({
  'G.id': id,
  'G.email': email,
  'G.home': home,
  'G.places': places,
});

describe('the profile cache', () => {
  let now = 0;
  const cache = (maxEntries = 10, ttlSeconds = 60) => new ProfileCache(definitions, { maxEntries, ttlSeconds }, () => now);
  beforeEach(() => {
    now = 1_000;
  });

  test('finds a profile by its primary key and by every other key', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x'));
    expect(c.get('User', 'u1')?.['G.email']).toBe('a@x');
    expect(c.find('User', 'G.email', 'a@x')?.['G.id']).toBe('u1');
    expect(c.find('User', 'G.id', 'u1')?.['G.id']).toBe('u1');
    expect(c.find('User', 'G.email', 'b@x')).toBeUndefined();
  });

  test('an entry expires ttlSeconds after it was put, and is then dropped with its index entries', () => {
    const c = cache(10, 2);
    c.put('User', user('u1', 'a@x'));
    now += 1_999;
    expect(c.find('User', 'G.email', 'a@x')).toBeDefined();
    now += 1;
    expect(c.find('User', 'G.id', 'u1')).toBeUndefined();
    expect(c.find('User', 'G.email', 'a@x')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  test('beyond maxEntries the least recently used entry goes', () => {
    const c = cache(2);
    c.put('User', user('u1', 'a@x'));
    c.put('User', user('u2', 'b@x'));
    c.get('User', 'u1');
    c.put('User', user('u3', 'c@x'));
    expect([c.get('User', 'u1'), c.get('User', 'u2'), c.get('User', 'u3')].map((r) => r?.['G.id'])).toEqual(['u1', undefined, 'u3']);
    expect(c.find('User', 'G.email', 'b@x')).toBeUndefined();
    expect([c.find('User', 'G.id', 'u2'), c.find('User', 'G.id', 'u3')?.['G.id'], c.find('Place', 'G.id', 'u3')]).toEqual([undefined, 'u3', undefined]);
  });

  test('the least recently used order follows every hit, whichever entry is hit, across types', () => {
    const c = cache(3);
    c.put('User', user('u1', 'a@x'));
    c.put('Place', { 'G.id': 'p1' });
    c.put('User', user('u2', 'b@x'));
    c.get('User', 'u1'); // order now p1, u2, u1
    c.find('Place', 'G.id', 'p1'); // u2, u1, p1
    c.get('User', 'u1'); // u2, p1, u1
    c.put('User', user('u3', 'c@x')); // u2 goes
    expect(c.get('User', 'u2')).toBeUndefined();
    c.put('User', user('u4', 'd@x')); // p1 goes
    expect(c.get('Place', 'p1')).toBeUndefined();
    expect([c.size, ...['u1', 'u3', 'u4'].map((id) => c.get('User', id)?.['G.id'])]).toEqual([3, 'u1', 'u3', 'u4']);
  });

  test('entries removed from the middle, the ends, by expiry or by a new version keep the LRU order and the size exact', () => {
    const c = cache(3, 10);
    for (const id of ['u1', 'u2', 'u3']) c.put('User', user(id, `${id}@x`));
    c.evict('User', 'u2'); // the middle
    c.put('User', user('u3', 'u3new@x')); // a new version of the newest: it stays the newest
    c.evict('User', 'u1'); // the oldest
    expect(c.size).toBe(1);
    c.put('User', user('u4', 'u4@x'));
    c.put('User', user('u5', 'u5@x'));
    c.put('User', user('u6', 'u6@x')); // u3 is the oldest now
    expect(c.get('User', 'u3')).toBeUndefined();
    expect(c.size).toBe(3);
    now += 10_000; // all expire: each is dropped as it is missed
    expect(['u4', 'u5', 'u6'].map((id) => c.get('User', id))).toEqual([undefined, undefined, undefined]);
    expect(c.size).toBe(0);
    c.put('User', user('u7', 'u7@x'));
    expect(c.get('User', 'u7')?.['G.id']).toBe('u7');
  });

  test('a number and its decimal text are the same primary key', () => {
    const c = cache();
    c.put('Place', { 'G.id': 7 });
    expect(c.get('Place', '7')?.['G.id']).toBe(7);
    c.evict('Place', '7');
    expect(c.get('Place', 7)).toBeUndefined();
    c.put('User', user('u1', 'a@x', '8'));
    c.evictReferrersOf('Place', [8]);
    expect(c.get('User', 'u1')).toBeUndefined();
  });

  test('a farm message about a type this server does not define changes nothing and throws nothing', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x'));
    expect(() => {
      c.evict('Unknown', 'u1');
      c.evictReferrersOf('Unknown', ['u1']);
    }).not.toThrow();
    expect(c.get('User', 'u1')).toBeDefined();
  });

  test('a new version of a profile moves its UNIQUE index entry', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x'));
    c.put('User', user('u1', 'new@x'));
    expect(c.find('User', 'G.email', 'a@x')).toBeUndefined();
    expect(c.find('User', 'G.email', 'new@x')?.['G.id']).toBe('u1');
    expect(c.size).toBe(1);
  });

  test('evicting a stale entry that shares a UNIQUE value with a newer one keeps the newer one findable', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x')); // stale: on another server u1 gave up a@x
    c.put('User', user('u2', 'a@x')); // and u2 took it
    c.evict('User', 'u1');
    expect(c.find('User', 'G.email', 'a@x')?.['G.id']).toBe('u2');
  });

  test('evicting the referrers of a profile drops every cached profile that points at it, by list or single reference', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x', 'p1'));
    c.put('User', user('u2', 'b@x', null, ['p2', 'p1']));
    c.put('User', user('u3', 'c@x', 'p3'));
    c.put('Place', { 'G.id': 'p1' });
    c.evictReferrersOf('Place', ['p1']);
    expect([c.get('User', 'u1'), c.get('User', 'u2'), c.get('User', 'u3')].map((r) => r?.['G.id'])).toEqual([undefined, undefined, 'u3']);
    expect(c.get('Place', 'p1')).toBeDefined();
  });

  test('a referrer is unlinked when it goes or changes: only what references a deleted profile now is evicted', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x', 'p1', ['p2']));
    c.put('User', user('u1', 'a@x', 'p3')); // no longer references p1 or p2
    c.put('User', user('u2', 'b@x', null, ['p1', 'p1']));
    c.evict('User', 'u2'); // gone: nothing references p1 now
    c.put('User', user('u2', 'b@x'));
    c.evictReferrersOf('Place', ['p1', 'p2']);
    expect([c.get('User', 'u1'), c.get('User', 'u2')].map((r) => r?.['G.id'])).toEqual(['u1', 'u2']);
    c.evictReferrersOf('Place', ['p3']);
    expect([c.get('User', 'u1'), c.get('User', 'u2')].map((r) => r?.['G.id'])).toEqual([undefined, 'u2']);
  });

  test('clear drops everything, its key indexes and references too, and the cache works on as new', () => {
    const c = cache(2);
    c.put('Place', { 'G.id': 'p1' });
    c.put('User', user('u1', 'a@x', 'p1'));
    c.clear();
    expect([c.size, c.get('User', 'u1'), c.find('User', 'G.email', 'a@x'), c.get('Place', 'p1')]).toEqual([0, undefined, undefined, undefined]);
    // The cleared user no longer counts as referring to p1, and the LRU order starts over.
    c.put('User', user('u2', 'b@x', 'p2'));
    c.evictReferrersOf('Place', ['p1']);
    expect(c.get('User', 'u2')?.['G.email']).toBe('b@x');
    c.evictReferrersOf('Place', ['p2']);
    expect(c.get('User', 'u2')).toBeUndefined();
    c.put('User', user('u3', 'c@x'));
    c.put('User', user('u4', 'd@x'));
    c.put('User', user('u5', 'e@x'));
    expect([c.size, c.get('User', 'u3'), c.find('User', 'G.email', 'e@x')?.['G.id']]).toEqual([2, undefined, 'u5']);
  });

  describe('a record read from the store', () => {
    test('is put when nothing changed since its read began', () => {
      const c = cache();
      const stamp = c.stamp();
      c.put('User', user('u2', 'b@x'));
      expect(c.putLoaded('User', user('u1', 'a@x', 'p1', ['p2']), stamp)).toBe(true);
      expect(c.get('User', 'u1')).toBeDefined();
    });

    test('is not put when it was written, evicted or cleared after its read began', () => {
      const c = cache();
      for (const change of [() => c.put('User', user('u1', 'new@x')), () => c.evict('User', 'u1'), () => c.clear()]) {
        c.clear();
        const stamp = c.stamp();
        change();
        expect(c.putLoaded('User', user('u1', 'old@x'), stamp)).toBe(false);
        expect(c.find('User', 'G.email', 'old@x')).toBeUndefined();
      }
    });

    test('is not put when a profile it references changed or was deleted after its read began', () => {
      const c = cache();
      let stamp = c.stamp();
      c.evictReferrersOf('Place', ['p2']);
      expect(c.putLoaded('User', user('u1', 'a@x', null, ['p1', 'p2']), stamp)).toBe(false);
      stamp = c.stamp();
      c.put('Place', { 'G.id': 'p1' });
      expect(c.putLoaded('User', user('u1', 'a@x', 'p1'), stamp)).toBe(false);
      expect(c.get('User', 'u1')).toBeUndefined();
    });

    test('is not put when its read began before changes too many to remember one by one', () => {
      const c = cache();
      const stamp = c.stamp();
      c.evict('User', 'u1');
      for (let i = 0; i < 5000; i += 1) c.evict('User', `other${i}`);
      expect(c.putLoaded('User', user('u1', 'a@x'), stamp)).toBe(false);
      expect(c.putLoaded('User', user('u1', 'a@x'), c.stamp())).toBe(true);
    });

    test('changes forgotten make only reads that began before them stale: a later read of that profile is put', () => {
      const c = cache();
      c.evict('User', 'u1');
      const afterFirst = c.stamp();
      for (let i = 0; i < 5000; i += 1) c.evict('User', `other${i}`);
      // u1's change is forgotten by now, but a read that began after it is not refused for it…
      const stamp = c.stamp();
      expect(c.putLoaded('User', user('u1', 'a@x'), stamp)).toBe(true);
      // …while one that began before the forgotten changes is.
      expect(c.putLoaded('User', user('u2', 'b@x'), afterFirst)).toBe(false);
    });

    test('a change of a referenced profile is remembered beside many changes of another type', () => {
      const c = cache();
      const stamp = c.stamp();
      c.evict('Place', 'p1');
      for (let i = 0; i < 5000; i += 1) c.evict('User', `other${i}`);
      expect(c.putLoaded('User', user('u1', 'a@x', 'p1'), stamp)).toBe(false);
      expect(c.putLoaded('User', user('u1', 'a@x', 'p2'), stamp)).toBe(false); // the User floor moved past the stamp
      expect(c.putLoaded('Place', { 'G.id': 'p2' }, stamp)).toBe(true); // the Place floor did not
    });
  });
});

describe("a transaction's overlay", () => {
  const cache = () => new ProfileCache(definitions, { maxEntries: 10, ttlSeconds: 60 });
  const userDefinition = definitions.get('User');

  test('an overlay nothing went into answers nothing and changes nothing in the cache at commit or after a failure', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x'));
    const stamp = c.stamp();
    const overlay = new CacheOverlay();
    expect([overlay.get('User', 'u1'), overlay.holds('User', 'u1')]).toEqual([undefined, false]);
    expect(overlay.applyTo(c)).toEqual([]);
    expect(overlay.forgetIn(c)).toEqual([]);
    expect([c.stamp(), c.size, c.get('User', 'u1')?.['G.email']]).toEqual([stamp, 1, 'a@x']);
  });

  test('once written to, it answers its own records, applies them at commit and is empty again after', () => {
    const c = cache();
    const overlay = new CacheOverlay();
    overlay.written(userDefinition, user('u1', 'new@x'));
    overlay.deleted(userDefinition, ['u2']);
    expect([overlay.get('User', 'u1')?.['G.email'], overlay.get('User', 'u2'), overlay.holds('User', 'u1')]).toEqual(['new@x', null, true]);
    expect(overlay.applyTo(c)).toEqual([
      { kind: 'changed', type: 'User', keys: ['u1'] },
      { kind: 'deleted', type: 'User', keys: ['u2'] },
    ]);
    expect(c.get('User', 'u1')?.['G.email']).toBe('new@x');
    expect([overlay.get('User', 'u1'), overlay.applyTo(c)]).toEqual([undefined, []]);
  });

  test('an overlay that only attempted a write still evicts that profile at commit', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x'));
    const overlay = new CacheOverlay();
    overlay.attempting(userDefinition, ['u1']);
    expect(overlay.applyTo(c)).toEqual([{ kind: 'changed', type: 'User', keys: ['u1'] }]);
    expect(c.get('User', 'u1')).toBeUndefined();
  });
});
