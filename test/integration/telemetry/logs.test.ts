import { pino } from 'pino';
import {
  CommerceCreate,
  CommerceQuery,
  CommerceRequest,
  ConfigurationError,
  createCommerceFoundation,
  LoggerToken,
  type Address,
  type CreditCard,
  type Logger,
  type SequenceComponent,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { recordingLogger, type LogLine } from '../../support/recordingLogger.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { related, testEncryptionKey } from '../../support/userProfiles.js';
import { tempApp, type TempApp } from '../../support/tempApp.js';
import { startupError } from '../../support/startupError.js';

/** Every value the Create below sends; each is bound to a statement, and none may reach a log line. */
const user = { id: 'usr-quill-5821', email: 'quill.vance@example.org', firstName: 'Quillon', lastName: 'Vantrebor', telephone: '+47 915 27 384' };
const address = {
  id: 'adr-moss-9034',
  addressName: 'Mossandra at home',
  line1: 'Skippergata 417',
  city: 'Trondheimsby',
  stateProvinceCode: 'TRX',
  zipPostalCode: '7491',
  countryRegionCode: 'NQ',
  firstName: 'Mossandra',
};
const cardNumber = '4012 8888 8888 1881';
const card = { id: 'crd-fen-2267', creditCardNumber: cardNumber, expirationMonth: 11, expirationYear: 2033, displayName: 'Fenwick travel card' };

function createWithCard(): CommerceCreate<UserProfile> {
  const create = new CommerceCreate<UserProfile>('UserProfile');
  Object.assign(create.model, user);
  create.relatedOperations.push(related<Address>('Addresses', address), related<CreditCard>('CreditCards', card));
  return create;
}

forEachDatabase((target) => {
  test('at debug, every line of a Create with a card (its SQL text included) carries requestId and handler, and no value it sent', async () => {
    const written: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void written.push(line) });
    const s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } }, logger });
    written.length = 0; // start-up's own lines (the tables it made) belong to no request
    await s.foundation.processRequest(createWithCard(), { requestId: 'req-4711' });

    const lines = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    const sql = lines.filter((line) => line['msg'] === 'sql');
    expect(sql.length).toBeGreaterThan(3);
    expect(sql.some((line) => /insert into/i.test(String(line['sql'])))).toBe(true);
    expect(lines.filter((line) => line['msg'] === 'operation done')).toHaveLength(1);
    for (const line of lines) {
      expect(line).toMatchObject({ level: 20, requestId: 'req-4711', handler: 'CommerceCreateOperation_UserProfile' });
      expect(line).not.toHaveProperty('bindings');
    }
    // The line's own time, pid and duration are numbers of this run, not values the Create sent: a duration of
    // 9.474917999992613 ms holds the postal code 7491 by chance. Every other field is searched.
    const incidental = new Set(['time', 'pid', 'durationMs']);
    const text = lines.map((line) => JSON.stringify(line, (key, value: unknown) => (incidental.has(key) ? undefined : value))).join('\n');
    expect(text).toContain('req-4711');
    const sent = [...Object.values(user), ...Object.values(address), card.id, card.displayName, '8888', '1881'];
    for (const value of sent) expect(text).not.toContain(value);
    expect(text.replace(/[^0-9]/g, '')).not.toContain(cardNumber.replace(/ /g, ''));
    expect(text).not.toMatch(/@example\.org/);
  });

  describe('a pino-compatible logger of the app', () => {
    let s: Started;
    let lines: LogLine[];
    const noted: SequenceComponent = {
      execute(context) {
        context.logger.info({ step: 'noted' }, 'a note was read');
      },
    };
    beforeEach(async () => {
      lines = [];
      const files = { 'sequences/CommerceQueryOperation_Note.json': { transactional: false, components: [{ name: 'Noted' }] } };
      s = await startFoundation(target, { files, components: { Noted: noted }, logger: recordingLogger((line) => lines.push(line)) });
      lines.length = 0;
    });

    test("gets every line, a component's own (context.logger) too, each with the request's requestId and the operation's handler", async () => {
      await s.foundation.processRequest(new CommerceQuery('Note'), { requestId: 'req-1' });
      const handler = 'CommerceQueryOperation_Note';
      expect(lines.filter((line) => line.msg !== 'sql')).toEqual([
        { level: 'info', msg: 'a note was read', step: 'noted', requestId: 'req-1', handler },
        { level: 'debug', msg: 'operation done', requestId: 'req-1', handler, operationIndex: 0, attempt: 1, durationMs: expect.any(Number) },
      ]);
    });

    test('without a requestId in the request context, one is made for the request: the same for each of its operations', async () => {
      await s.foundation.processRequest(new CommerceRequest([new CommerceQuery('Note'), new CommerceQuery('Note')]));
      await s.foundation.processRequest(new CommerceQuery('Note'));
      const ids = lines.filter((line) => line.msg === 'operation done').map((line) => line.requestId);
      expect(ids).toHaveLength(3);
      expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids[1]).toBe(ids[0]);
      expect(ids[2]).not.toBe(ids[0]);
    });
  });
});

describe('the default logger: pino, at log.level or COMMERCE_LOG_LEVEL', () => {
  let app: TempApp;
  const saved = process.env['COMMERCE_LOG_LEVEL'];
  beforeEach(() => {
    app = tempApp({ 'config/commerce.json': { database: 'sqlite::memory:', log: { level: 'warn' } } });
    delete process.env['COMMERCE_LOG_LEVEL'];
  });
  afterEach(() => {
    app.remove();
    if (saved === undefined) delete process.env['COMMERCE_LOG_LEVEL'];
    else process.env['COMMERCE_LOG_LEVEL'] = saved;
  });

  async function defaultLoggerLevel(): Promise<string> {
    const foundation = await createCommerceFoundation({ root: app.root });
    try {
      const logger = foundation.container.get<Logger & { level?: unknown }>(LoggerToken);
      expect(typeof logger.isLevelEnabled).toBe('function'); // pino's
      return String(logger.level);
    } finally {
      await foundation.close();
    }
  }

  test('config/commerce.json log.level sets it; info when neither is set', async () => {
    expect(await defaultLoggerLevel()).toBe('warn');
    app.write('config/commerce.json', { database: 'sqlite::memory:' });
    expect(await defaultLoggerLevel()).toBe('info');
  });

  test('COMMERCE_LOG_LEVEL comes before log.level', async () => {
    process.env['COMMERCE_LOG_LEVEL'] = 'error';
    expect(await defaultLoggerLevel()).toBe('error');
  });

  test('a level that is none: a ConfigurationError naming where it was set, from the file and from the environment', async () => {
    app.write('config/commerce.json', { database: 'sqlite::memory:', log: { level: 'verbose' } });
    process.env['COMMERCE_LOG_LEVEL'] = 'loud';
    const error = await startupError({ root: app.root });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'config/commerce.json', path: 'log.level' }),
        { file: 'COMMERCE_LOG_LEVEL', path: 'log.level', message: 'must be one of trace, debug, info, warn, error, fatal, silent' },
      ]),
    );
  });
});
