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

  test('clear drops everything', () => {
    const c = cache();
    c.put('User', user('u1', 'a@x', 'p1'));
    c.clear();
    expect([c.size, c.find('User', 'G.email', 'a@x')]).toEqual([0, undefined]);
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
      for (let i = 0; i < 5000; i += 1) c.evict('Place', `p${i}`);
      expect(c.putLoaded('User', user('u1', 'a@x'), stamp)).toBe(false);
      expect(c.putLoaded('User', user('u1', 'a@x'), c.stamp())).toBe(true);
    });
  });
});
