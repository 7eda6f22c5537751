import {
  CommerceUpdate,
  TransactionTimeoutFault,
  defineCommerceModule,
  isFaultName,
  type OperationContext,
  type SequenceComponent,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase, onMariaDbOnly } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { createUser, queryBy } from '../../support/userProfiles.js';
import { tempApp } from '../../support/tempApp.js';
import { recordingLogger, type LogLine } from '../../support/recordingLogger.js';
import { startupError } from '../../support/startupError.js';

const update = 'CommerceUpdateOperation_UserProfile';

function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** What the Hold step does: it signals once it holds the row lock, waits for the test, then tries to go on. */
let hold = { holding: deferred(), release: deferred(), done: deferred<unknown>() };

/** Sleeps inside the operation's transaction, after the committer wrote (and locked) the row; then tries to send SQL. */
const Hold: SequenceComponent = {
  async execute(context: OperationContext) {
    const profiles = context.profiles;
    hold.holding.resolve();
    await hold.release.promise;
    // Neither the operation's transaction nor its Profiles System may be used any more: not through the context, not
    // through what the component took from it before (a read that needs SQL, a write).
    const tries = [
      async () => (await context.transaction()).raw('SELECT 1'),
      async () => context.profiles.getProfile('held', 'UserObject'),
      async () => profiles.getProfile('nobody', 'UserObject'),
      async () => {
        const someone = await profiles.createProfile('someone', 'UserObject');
        someone.set('GeneralInfo.email_address', 'someone@example.com');
        await someone.update();
      },
    ];
    const outcomes: unknown[] = [];
    for (const attempt of tries) outcomes.push(await attempt().then(() => 'went on', (error: unknown) => error));
    hold.done.resolve(outcomes);
  },
};

/** Sleeps inside a statement of the operation's transaction (MariaDB): a ROLLBACK alone would wait for it to end. */
const HoldInSql: SequenceComponent = {
  async execute(context: OperationContext) {
    const trx = await context.transaction();
    hold.holding.resolve();
    const slept = await trx.raw('SELECT SLEEP(30) AS slept').then(
      () => 'slept',
      (error: unknown) => error,
    );
    hold.done.resolve(slept);
  },
};

const holdModule = (step: 'Hold' | 'HoldInSql') =>
  defineCommerceModule({
    name: 'hold',
    components: { Hold, HoldInSql },
    sequencePatches: [{ handler: update, add: { name: step }, after: 'UserProfileCommitter' }],
  });

/** A logger that keeps its warnings. */
function warningsLogger() {
  const warnings: LogLine[] = [];
  return {
    warnings,
    logger: recordingLogger((line) => {
      if (line.level === 'warn') warnings.push(line);
    }),
  };
}

function updateName(id: string, firstName: string) {
  const op = new CommerceUpdate<UserProfile>('UserProfile');
  op.searchCriteria.model.id = id;
  op.model = { firstName };
  return op;
}

const nameOf = async (started: Awaited<ReturnType<typeof startFoundation>>, id: string) =>
  (await started.foundation.processRequest(queryBy('id', id))).operationResponses[0].commerceEntities[0]?.firstName;

beforeEach(() => {
  hold = { holding: deferred(), release: deferred(), done: deferred<unknown>() };
});

test('TransactionTimeoutFault is a fault name of the package', () => {
  expect(isFaultName('TransactionTimeoutFault')).toBe(true);
  expect(new TransactionTimeoutFault(update, 2).message).toBe(
    `${update} timed out: the operation was still running after its transactionTimeoutSeconds (2) and was rolled back`,
  );
});

forEachDatabase((target) => {
  test('a sequence file sets transactionTimeoutSeconds: 120 by default, 0 for none', async () => {
    const s = await startFoundation(target, { files: { [`sequences/${update}.json`]: { transactionTimeoutSeconds: 0, components: [{ name: 'UserProfileLoader' }] } } });
    expect(s.foundation.sequences.get(update)?.transactionTimeoutSeconds).toBe(0);
    expect(s.foundation.sequences.get('CommerceQueryOperation_UserProfile')?.transactionTimeoutSeconds).toBe(120);
  });

  test.each([true, false])('an operation (transactional: %s) that timed out before any step asked for its transaction is refused it afterwards too: transaction, profiles and hooks', async (transactional) => {
    const late = deferred<unknown[]>();
    const ran: string[] = [];
    const Sleeper: SequenceComponent = {
      async execute(context: OperationContext) {
        // Touches nothing of the operation's scope before the deadline: the scope is made, if at all, only after it.
        await hold.release.promise;
        context.onCommit(() => ran.push('commit'));
        context.onRollback(() => ran.push('rollback'));
        late.resolve([
          await context.transaction().then(() => 'went on', (error: unknown) => error),
          await Promise.resolve().then(() => context.profiles).then(() => 'went on', (error: unknown) => error),
        ]);
      },
    };
    const s = await startFoundation(target, {
      modules: [defineCommerceModule({ name: 'sleeper', components: { Sleeper } })],
      files: { [`sequences/${update}.json`]: { transactional, transactionTimeoutSeconds: 1, components: [{ name: 'Sleeper' }] } },
    });
    const fault = await s.foundation.processRequest(updateName('nobody', 'X')).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(TransactionTimeoutFault);
    hold.release.resolve();
    const outcomes = await late.promise;
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(TransactionTimeoutFault);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([]);
  });

  test('a patch file sets transactionTimeoutSeconds without taking the sequence over; one for a handler nothing defines is a problem', async () => {
    const s = await startFoundation(target, { files: { 'sequences/CommerceQueryOperation_UserProfile.patch.json': { transactionTimeoutSeconds: 30 } } });
    const query = s.foundation.sequences.get('CommerceQueryOperation_UserProfile');
    expect([query?.transactionTimeoutSeconds, query?.patchedBy, query?.steps.length]).toEqual([30, ['patch sequences/CommerceQueryOperation_UserProfile.patch.json'], 8]);
    const bad = tempApp({ 'sequences/CommerceQueryOperation_WishList.patch.json': { transactionTimeoutSeconds: 30 } });
    const error = await startupError({ root: bad.root, database: await target.create() });
    bad.remove();
    expect(error.problems.map((p) => [p.file, p.path, p.message])).toEqual([
      ['sequences/CommerceQueryOperation_WishList.patch.json', 'transactionTimeoutSeconds', expect.stringMatching(/^no sequence defines CommerceQueryOperation_WishList/)],
    ]);
  });

  test('an operation still running at its timeout is rolled back at once, its lock released while its component still sleeps: another foundation updates the row; nothing it wrote stays, no cache keeps it, its component cannot go on, the pool recovers', async () => {
    const other = await startFoundation(target);
    await createUser(other.foundation, { id: 'held', extra: { firstName: 'Ann' } });
    // The same database; its Update sequence holds the row lock (the committer wrote it) and sleeps, with a one-second timeout.
    const shipped = other.foundation.sequences.get(update);
    const { warnings, logger } = warningsLogger();
    const s = await startFoundation(target, {
      database: other.database,
      logger,
      modules: [holdModule('Hold')],
      files: { [`sequences/${update}.json`]: { transactionTimeoutSeconds: 1, components: shipped?.entries.map((e) => ({ name: e.name })) } },
    });

    const timingOut = s.foundation.processRequest(updateName('held', 'Held')).catch((e: unknown) => e);
    await hold.holding.promise;
    // Waits for the lock the sleeping operation holds: it gets it once that operation is rolled back at its timeout.
    const updated = await other.foundation.processRequest(updateName('held', 'Bob'));
    expect(updated.operationResponses[0].commerceEntities[0]?.firstName).toBe('Bob');

    const fault = await timingOut;
    expect(fault).toBeInstanceOf(TransactionTimeoutFault);
    expect(fault).toMatchObject({ faultName: 'TransactionTimeoutFault', operationIndex: 0, handler: update, timeoutSeconds: 1 });

    expect(warnings).toEqual([{ level: 'warn', msg: 'operation timed out; its transaction was rolled back', handler: update, requestId: expect.any(String) as unknown, timeoutSeconds: 1 }]);
    // The component wakes and tries to go on: the operation's transaction scope refuses it, so it cannot write into a new one.
    hold.release.resolve();
    const outcomes = (await hold.done.promise) as unknown[];
    expect(outcomes).toHaveLength(4);
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(TransactionTimeoutFault);
    expect(await other.foundation.profiles.getProfile('someone', 'UserObject')).toBeNull();

    // Nothing the timed-out operation wrote stays; its foundation's cache kept nothing of it.
    expect(await nameOf(other, 'held')).toBe('Bob');
    expect(await nameOf(s, 'held')).toBe('Bob');
    // The pool recovers: more operations than it has connections run at once.
    const names = await Promise.all(Array.from({ length: 12 }, () => nameOf(s, 'held')));
    expect(new Set(names)).toEqual(new Set(['Bob']));
  });
});

onMariaDbOnly('a timeout while a statement runs', (target) => {
  test("ends the operation's session (KILL CONNECTION from another connection): its lock is released at once, the statement ends, the pool replaces the connection", async () => {
    const other = await startFoundation(target);
    await createUser(other.foundation, { id: 'busy', extra: { firstName: 'Ann' } });
    const s = await startFoundation(target, {
      database: other.database,
      logger: warningsLogger().logger,
      modules: [holdModule('HoldInSql')],
      files: { [`sequences/${update}.patch.json`]: { transactionTimeoutSeconds: 1 } },
    });
    const timingOut = s.foundation.processRequest(updateName('busy', 'Held')).catch((e: unknown) => e);
    await hold.holding.promise;
    const updated = await other.foundation.processRequest(updateName('busy', 'Bob'));
    expect(updated.operationResponses[0].commerceEntities[0]?.firstName).toBe('Bob');
    expect(await timingOut).toBeInstanceOf(TransactionTimeoutFault);
    // The 30-second statement ended with its session, not when it would have.
    expect(await hold.done.promise).toBeInstanceOf(Error);
    expect(await nameOf(s, 'busy')).toBe('Bob');
    const names = await Promise.all(Array.from({ length: 12 }, () => nameOf(s, 'busy')));
    expect(new Set(names)).toEqual(new Set(['Bob']));
  });
});
