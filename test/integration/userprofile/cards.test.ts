import { CardNumberCipher, ConfigurationError, ValidationFault, type Logger } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { recordingLogger } from '../../support/recordingLogger.js';
import { startFoundation } from '../../support/startFoundation.js';
import { cardModel, createUser, deleteBy, queryBy, testEncryptionKey, visaNumber } from '../../support/userProfiles.js';

const digits = visaNumber.replace(/ /g, '');

function capturingLogger(lines: string[]): Logger {
  return recordingLogger((line) => void lines.push(JSON.stringify(line)));
}

forEachDatabase((target) => {
  test('a card number is stored encrypted (AES-256-GCM) and answered masked, with its last four digits', async () => {
    const s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
    await createUser(s.foundation, { id: 'u1', cards: [cardModel('c1')] });
    const row = await s.foundation.knex('credit_card').where({ id: 'c1' }).first('cc_number', 'last_4_digits');
    expect(row?.cc_number).toMatch(/^v1:/);
    expect(row?.cc_number).not.toContain(digits);
    expect(row?.last_4_digits).toBe('1111');
    expect(new CardNumberCipher(Buffer.from(testEncryptionKey, 'hex')).decrypt(row?.cc_number)).toBe(digits);
    const card = (await s.foundation.processRequest(queryBy('id', 'u1', 'CreditCards'))).operationResponses[0].commerceEntities[0]?.creditCards?.[0];
    expect(card).toMatchObject({ creditCardNumber: '************1111', creditCardIdentifier: '1111' });
  });

  test('without a key a card number is refused with a fault naming it, before any SQL', async () => {
    const previous = process.env['COMMERCE_ENCRYPTION_KEY'];
    delete process.env['COMMERCE_ENCRYPTION_KEY'];
    const s = await startFoundation(target);
    s.sql.reset();
    const fault = await createUser(s.foundation, { id: 'u1', cards: [cardModel('c1')] }).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors).toEqual([
      { property: 'relatedOperations[0].model.creditCardNumber', errorMessage: expect.stringMatching(/no encryption key is configured/) },
    ]);
    expect(s.sql.statements).toEqual([]);
    if (previous !== undefined) process.env['COMMERCE_ENCRYPTION_KEY'] = previous;
  });

  test('a key that is not 32 bytes is a start-up error; COMMERCE_ENCRYPTION_KEY overrides config/commerce.json', async () => {
    const error = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: 'short' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([{ file: 'config/commerce.json', path: 'encryptionKey', message: expect.stringMatching(/32 bytes/) }]);
    process.env['COMMERCE_ENCRYPTION_KEY'] = Buffer.alloc(32, 7).toString('base64');
    try {
      const s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: 'short' } } });
      await createUser(s.foundation, { id: 'u1', cards: [cardModel('c1')] });
      const row = await s.foundation.knex('credit_card').first('cc_number');
      expect(new CardNumberCipher(Buffer.alloc(32, 7)).decrypt(row?.cc_number)).toBe(digits);
    } finally {
      delete process.env['COMMERCE_ENCRYPTION_KEY'];
    }
  });

  test('no log line, trace, fault or response ever holds a card number', async () => {
    const lines: string[] = [];
    const s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } }, logger: capturingLogger(lines) });
    const seen: string[] = [...lines];
    const record = (value: unknown) => seen.push(JSON.stringify(value, (_, v) => (v instanceof Error ? { ...v, message: v.message } : v)));
    record(await createUser(s.foundation, { id: 'u1', cards: [cardModel('c1')] }));
    record(await s.foundation.processRequest(queryBy('id', 'u1', 'CreditCards', 'PreferredCreditCard'), { trace: true }));
    record(await createUser(s.foundation, { id: 'u1', cards: [cardModel('c2')] }).catch((e: unknown) => e)); // a fault
    record(await createUser(s.foundation, { id: 'u9', cards: [cardModel('c3', { creditCardNumber: '4111 1111 1111 11x1' })] }).catch((e: unknown) => e));
    record(await s.foundation.processRequest(deleteBy('id', 'u1', 'CreditCards'), { trace: true }));
    seen.push(...lines);
    expect(lines.length).toBeGreaterThan(0);
    for (const text of seen) {
      expect(text.replace(/[ -]/g, '')).not.toContain(digits);
      expect(text).not.toMatch(/4111 1111/);
    }
  });
});
