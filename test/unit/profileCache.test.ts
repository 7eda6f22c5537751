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
});
