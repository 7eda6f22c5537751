import type { CommerceFoundation, Profile } from '../../src/index.js';

/** A seeded user as the expectations of search tests read it. */
export interface SeededUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly accountStatus: number;
  readonly dateCreated: string;
}

const firstNames = ['Ann', 'Bob', 'Cai', 'Dag', 'Eva', 'Finn', 'Gro', 'Hans', 'Ida', 'Jon', 'Kari', 'Lars'];
const lastNames = ['Berg', 'Dahl', 'Eide', 'Hansen', 'Holm', 'Larsen', 'Lee', 'Lewis', 'Lund', 'Moen', 'Nilsen', 'Olsen', 'Strand', 'Vik'];
const dayMs = 24 * 60 * 60 * 1000;

/** The `i`-th user of a seed: names, statuses and dates varied, some without a first or last name, some sharing a day. */
export function seededUser(i: number, prefix = 'u'): SeededUser {
  return {
    id: `${prefix}${String(i).padStart(6, '0')}`,
    email: prefix === 'u' ? `user${i}@example.com` : `${prefix}${i}@example.com`,
    firstName: i % 17 === 5 ? null : (firstNames[(i * 7) % firstNames.length] ?? null),
    lastName: i % 23 === 11 ? null : (lastNames[(i * 5 + Math.floor(i / 14)) % lastNames.length] ?? null),
    accountStatus: (i * 11) % 3,
    dateCreated: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 2) * dayMs + (i % 2) * 3_600_000).toISOString(),
  };
}

/** Profiles for users `from` to `to - 1`, to be stored with saveProfiles (one INSERT per batch). */
export function userProfiles(foundation: CommerceFoundation, from: number, to: number, prefix = 'u'): { users: SeededUser[]; profiles: Profile[] } {
  const users = Array.from({ length: to - from }, (_, i) => seededUser(from + i, prefix));
  const profiles = users.map((u) =>
    foundation.profiles
      .newProfile(u.id, 'UserObject')
      .set('GeneralInfo.email_address', u.email)
      .set('GeneralInfo.first_name', u.firstName)
      .set('GeneralInfo.last_name', u.lastName)
      .set('AccountInfo.account_status', u.accountStatus)
      .set('ProfileSystem.date_created', new Date(u.dateCreated)),
  );
  return { users, profiles };
}

/** Stores `count` users through the Profiles System, in batches of one statement each. */
export async function seedUsers(foundation: CommerceFoundation, count: number, prefix = 'u'): Promise<SeededUser[]> {
  const users: SeededUser[] = [];
  for (let from = 0; from < count; from += 5000) {
    const batch = userProfiles(foundation, from, Math.min(count, from + 5000), prefix);
    await foundation.profiles.saveProfiles(batch.profiles);
    users.push(...batch.users);
  }
  return users;
}

type Sortable = string | number | null;

/** Sorts as the databases do for these values (ASCII names, capitalized alike): no value first, then the id. */
export function sortedUsers(users: readonly SeededUser[], property: keyof SeededUser, descending = false): SeededUser[] {
  const compare = (a: Sortable, b: Sortable) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  return [...users].sort((x, y) => {
    const order = compare(x[property], y[property]);
    if (order !== 0) return descending ? -order : order;
    return x.id < y.id ? -1 : 1;
  });
}
