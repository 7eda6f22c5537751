import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * The logical work every side of section 2 does on the framework's tables (user_object, address, credit_card and
 * their link tables): the same input, the same answers, the same durability and locking. The peers (the raw drivers,
 * Drizzle, hand-written knex) implement `UserProfilePeer`; the framework does the same through `processRequest`.
 */

/** The card-number key every side seals with (the framework's `encryptionKey` too). */
export const benchEncryptionKey = '0f'.repeat(32);
const key = Buffer.from(benchEncryptionKey, 'hex');

/** AES-256-GCM with a fresh 12-byte IV, in the framework's format (v1:iv:tag:sealed, base64). */
export function sealCardNumber(cardNumber: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(cardNumber, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

export const maskCardNumber = (last4: string): string => `************${last4}`;

export interface NewAddress {
  readonly id: string;
  readonly addressName: string;
  readonly line1: string;
  readonly city: string;
  readonly stateProvinceCode: string;
  readonly zipPostalCode: string;
  readonly countryRegionCode: string;
}

export interface NewCard {
  readonly id: string;
  readonly creditCardNumber: string;
  readonly expirationMonth: number;
  readonly expirationYear: number;
  readonly billingAddressId: string;
  readonly displayName: string;
}

/** A Create: a user with two new addresses and one existing (`sharedAddressId`), and two cards billed to its first. */
export interface NewUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly addresses: readonly NewAddress[];
  readonly existingAddressId: string;
  readonly cards: readonly NewCard[];
}

/** The address every benchmark user shares (seeded by `seedNeighbour`). */
export const sharedAddressId = 'shared';

let serial = 0;

/** A fresh Create input; `side` keeps the ids of the four sides apart. */
export function newUserInput(side: string): NewUser {
  const id = `new-${side}-${process.pid}-${++serial}`;
  const address = (n: number): NewAddress => ({
    id: `${id}-a${n}`,
    addressName: `Home ${n}`,
    line1: `${n} Main Street`,
    city: 'Oslo',
    stateProvinceCode: 'OS',
    zipPostalCode: '0150',
    countryRegionCode: 'NO',
  });
  const addresses = [address(0), address(1)];
  const card = (n: number): NewCard => ({
    id: `${id}-c${n}`,
    creditCardNumber: '4111 1111 1111 1111',
    expirationMonth: 12,
    expirationYear: 2031,
    billingAddressId: addresses[0]?.id ?? '',
    displayName: `Card ${n}`,
  });
  return { id, email: `${id}@example.com`, firstName: 'Bench', addresses, existingAddressId: sharedAddressId, cards: [card(0), card(1)] };
}

/** The digits of a card number, and its last four. */
export function cardDigits(cardNumber: string): { digits: string; last4: string } {
  const digits = cardNumber.replace(/[\s-]/g, '');
  return { digits, last4: digits.slice(-4) };
}

export type Row = Record<string, unknown>;

const present = (value: unknown) => (value === null || value === undefined ? undefined : value);
const dateOf = (value: unknown) => (value instanceof Date ? value.toISOString() : present(value));

/** A user_object row (and its addresses and cards, mapped) as the UserProfile entity the framework answers. */
export function userEntity(user: Row, addresses: readonly Row[], cards: readonly Row[]): Row {
  return {
    modelName: 'UserProfile',
    id: user['user_id'],
    email: user['email_address'],
    firstName: present(user['first_name']),
    lastName: present(user['last_name']),
    telephone: present(user['tel_number']),
    accountStatus: present(user['account_status']),
    preferredAddressId: present(user['preferred_address']),
    preferredCreditCardId: present(user['preferred_credit_card']),
    dateCreated: dateOf(user['date_created']),
    dateModified: dateOf(user['date_last_changed']),
    addresses: addresses.map(addressEntity),
    creditCards: cards.map(cardEntity),
  };
}

export function addressEntity(row: Row): Row {
  return {
    modelName: 'Address',
    id: row['address_id'],
    addressName: present(row['address_name']),
    line1: present(row['address_line1']),
    line2: present(row['address_line2']),
    city: present(row['city']),
    stateProvinceCode: present(row['region_code']),
    zipPostalCode: present(row['postal_code']),
    countryRegionCode: present(row['country_code']),
  };
}

export function cardEntity(row: Row): Row {
  const last4 = typeof row['last_4_digits'] === 'string' ? row['last_4_digits'] : '';
  return {
    modelName: 'CreditCard',
    id: row['id'],
    creditCardNumber: maskCardNumber(last4),
    creditCardIdentifier: last4,
    expirationMonth: present(row['expiration_month']),
    expirationYear: present(row['expiration_year']),
    billingAddressId: present(row['billing_address']),
    displayName: present(row['display_name']),
  };
}

/** The rows a Create writes, in the framework's columns (dates as the driver binds them: ISO text on SQLite). */
export function rowsOfNewUser<D extends Date | string>(input: NewUser, now: D) {
  const user = {
    user_id: input.id,
    email_address: input.email,
    first_name: input.firstName,
    account_status: 1,
    date_created: now,
    date_last_changed: now,
  };
  const addresses = input.addresses.map((a) => ({
    address_id: a.id,
    address_name: a.addressName,
    address_line1: a.line1,
    city: a.city,
    region_code: a.stateProvinceCode,
    postal_code: a.zipPostalCode,
    country_code: a.countryRegionCode,
    date_created: now,
    date_last_changed: now,
  }));
  const cards = input.cards.map((c) => {
    const { digits, last4 } = cardDigits(c.creditCardNumber);
    return {
      id: c.id,
      cc_number: sealCardNumber(digits),
      last_4_digits: last4,
      expiration_month: c.expirationMonth,
      expiration_year: c.expirationYear,
      billing_address: c.billingAddressId,
      display_name: c.displayName,
      date_created: now,
      date_last_changed: now,
    };
  });
  const addressIds = [...input.addresses.map((a) => a.id), input.existingAddressId];
  const addressLinks = addressIds.map((item, position) => ({ owner_key: input.id, item_key: item, position }));
  const cardLinks = input.cards.map((c, position) => ({ owner_key: input.id, item_key: c.id, position }));
  return { user, addresses, cards, addressLinks, cardLinks };
}

/** What a Delete answers: how many users it deleted, and the user with its addresses and cards. */
export interface Deleted {
  readonly count: number;
  readonly commerceEntities: readonly unknown[];
}

/**
 * One way of doing the work. Create and Delete are one transaction each (BEGIN IMMEDIATE on SQLite, FOR UPDATE on
 * MariaDB's Delete); Query reads the user by email and then its addresses and cards.
 */
export interface UserProfilePeer {
  readonly name: string;
  create(input: NewUser): Promise<unknown>;
  query(email: string): Promise<readonly unknown[]>;
  delete(email: string): Promise<Deleted>;
  close(): Promise<void>;
}

/**
 * The Delete's decision, the same on every side: a card goes unless another user lists it or prefers it; an address
 * goes unless another user or an organization lists or prefers it, or a card that stays bills to it.
 */
export function decideDeletion(addresses: readonly Row[], cards: readonly Row[]): { cards: string[]; addresses: string[] } {
  const goingCards = cards.filter((c) => !truthy(c['used'])).map((c) => String(c['id']));
  const stayingBilling = new Set(cards.filter((c) => truthy(c['used'])).map((c) => c['billing_address']));
  const goingAddresses = addresses
    .filter((a) => !truthy(a['used']) && !truthy(a['billed']) && !stayingBilling.has(a['address_id']))
    .map((a) => String(a['address_id']));
  return { cards: goingCards, addresses: goingAddresses };
}

const truthy = (value: unknown) => value === true || (typeof value === 'number' && value !== 0) || (typeof value === 'bigint' && value !== 0n) || value === '1';
