import type { CommerceFoundation } from '../../src/index.js';

let serial = 0;

/**
 * A user with `addressCount` addresses (with `shared`, the first is the one it shares with the `neighbour` user) and
 * `cardCount` cards (billed to its first own address), stored through the Profiles System. Returns the user's email.
 */
export async function seedUser(foundation: CommerceFoundation, addressCount = 3, cardCount = 2, shared = true): Promise<string> {
  const id = `bench-${process.pid}-${++serial}`;
  const { profiles } = foundation;
  const own = Array.from({ length: shared ? addressCount - 1 : addressCount }, (_, i) =>
    profiles.newProfile(`${id}-a${i}`, 'Address').set('GeneralInfo.address_line1', `${i} Main St`).set('GeneralInfo.city', 'Oslo'),
  );
  const cards = Array.from({ length: cardCount }, (_, i) =>
    profiles
      .newProfile(`${id}-c${i}`, 'CreditCard')
      .set('GeneralInfo.cc_number', 'v1:sealed')
      .set('GeneralInfo.last_4_digits', '1111')
      .set('GeneralInfo.billing_address', own[0]?.primaryKey ?? 'shared'),
  );
  const user = profiles
    .newProfile(id, 'UserObject')
    .set('GeneralInfo.email_address', `${id}@example.com`)
    .set('GeneralInfo.first_name', 'Bench')
    .set('GeneralInfo.address_list', [...(shared ? ['shared'] : []), ...own.map((a) => a.primaryKey)])
    .set('GeneralInfo.credit_card_list', cards.map((c) => c.primaryKey));
  await profiles.saveProfiles([...own, ...cards, user]);
  return `${id}@example.com`;
}

/** The user every benchmark user shares its first address with. */
export async function seedNeighbour(foundation: CommerceFoundation): Promise<void> {
  const { profiles } = foundation;
  if (await profiles.getProfile('neighbour', 'UserObject')) return;
  const shared = profiles.newProfile('shared', 'Address').set('GeneralInfo.city', 'Oslo');
  const neighbour = profiles.newProfile('neighbour', 'UserObject').set('GeneralInfo.email_address', 'neighbour@example.com').set('GeneralInfo.address_list', ['shared']);
  await profiles.saveProfiles([shared, neighbour]);
}
