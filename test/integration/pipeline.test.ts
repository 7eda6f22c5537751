import {
  CommerceDelete,
  CommerceQuery,
  CommerceRequest,
  ComponentFault,
  createCommerceFoundation,
  SequenceNotFoundFault,
  ValidationFault,
  type CommerceFoundation,
  type OperationContext,
  type SequenceComponent,
} from '../../src/index.js';
import { forEachDatabase } from '../support/databases.js';
import { ConfiguredStep, createNotesTable, fail, reportLog, step, writeNote } from '../support/recordingComponents.js';
import { sequenceFile, tempApp, type TempApp } from '../support/tempApp.js';

forEachDatabase((target) => {
  let app: TempApp | undefined;
  let foundation: CommerceFoundation | undefined;
  const journal: string[] = [];
  const components = {
    A: step('A', journal),
    B: step('B', journal),
    C: step('C', journal),
    ReportLog: reportLog,
    WriteNote: writeNote,
    Fail: fail,
    Configured: ConfiguredStep,
    Hooks: {
      execute(context: OperationContext) {
        context.onCommit(() => journal.push('committed'));
        context.onRollback(() => journal.push('rolled back'));
      },
    },
    Later: {
      async execute(context: OperationContext) {
        await new Promise((resolve) => setImmediate(resolve));
        void step('later', journal).execute(context);
      },
    },
  };

  async function start(files: Record<string, unknown>) {
    app = tempApp(files);
    foundation = await createCommerceFoundation({ root: app.root, database: await target.create(), components });
    return foundation;
  }

  function started(): { app: TempApp; foundation: CommerceFoundation } {
    if (!app || !foundation) throw new Error('start() first');
    return { app, foundation };
  }

  async function restart() {
    const { app: { root }, foundation: running } = started();
    await running.close();
    foundation = await createCommerceFoundation({ root, database: running.database.config, components });
    return foundation;
  }

  function stepsOf(response: { operationResponses: unknown[] }, index = 0): unknown {
    return (response.operationResponses[index] as { commerceEntities: { steps: string[] }[] }).commerceEntities[0]?.steps;
  }

  afterEach(async () => {
    await foundation?.close();
    foundation = undefined;
    app?.remove();
    journal.length = 0;
  });

  test('runs the components of the sequence file in the order listed', async () => {
    const f = await start({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('B', 'A', 'C', 'ReportLog') });
    const response = await f.processRequest(new CommerceQuery('WishList'));
    expect(stepsOf(response)).toEqual(['B', 'A', 'C']);
  });

  test('editing the file and starting again reorders the steps', async () => {
    await start({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A', 'B', 'C', 'ReportLog') });
    started().app.write('sequences/CommerceQueryOperation_WishList.json', sequenceFile('C', 'A', 'ReportLog'));
    const f = await restart();
    expect(stepsOf(await f.processRequest(new CommerceQuery('WishList')))).toEqual(['C', 'A']);
  });

  test('a disabled step stays in the file and does not run', async () => {
    const f = await start({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A', { name: 'B', enabled: false }, 'C', 'ReportLog'),
    });
    expect(stepsOf(await f.processRequest(new CommerceQuery('WishList')))).toEqual(['A', 'C']);
    expect(f.sequences.get('CommerceQueryOperation_WishList')?.entries.map((e) => e.name)).toEqual(['A', 'B', 'C', 'ReportLog']);
  });

  test("a step's configuration reaches its component, parsed by the component's schema", async () => {
    const f = await start({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile(
        { name: 'Configured', configuration: { level: 'debug' } },
        { name: 'Configured', configuration: { level: 'info' } },
        'ReportLog',
      ),
    });
    expect(stepsOf(await f.processRequest(new CommerceQuery('WishList')))).toEqual(['level=debug', 'level=info']);
  });

  test('the operation cache is shared by the components of one operation and not across operations', async () => {
    const f = await start({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A', 'B', 'ReportLog') });
    const response = await f.processRequest(new CommerceRequest([new CommerceQuery('WishList'), new CommerceQuery('WishList')]));
    expect(stepsOf(response, 0)).toEqual(['A', 'B']);
    expect(stepsOf(response, 1)).toEqual(['A', 'B']);
    expect(journal).toEqual(['A', 'B', 'A', 'B']);
  });

  test('several operations in one request get one response each, in order, each from its own sequence', async () => {
    const f = await start({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A', 'ReportLog'),
      'sequences/CommerceDeleteOperation_WishList.json': sequenceFile('B', 'C'),
    });
    const response = await f.processRequest(
      new CommerceRequest([new CommerceQuery('WishList'), new CommerceDelete('WishList'), new CommerceQuery('WishList')]),
    );
    expect(response.operationResponses).toHaveLength(3);
    expect(stepsOf(response, 0)).toEqual(['A']);
    expect(response.operationResponses[1]).toEqual({ count: 0, commerceEntities: [] });
    expect(stepsOf(response, 2)).toEqual(['A']);
    expect(journal).toEqual(['A', 'B', 'C', 'A']);
  });

  test('a later component failing rolls back the rows an earlier one wrote', async () => {
    const f = await start({ 'sequences/CommerceDeleteOperation_WishList.json': sequenceFile('WriteNote', 'Fail') });
    await createNotesTable(f.knex);
    const del = new CommerceDelete<{ modelName: string; note: string }>('WishList');
    del.searchCriteria.model.note = 'lost';
    await expect(f.processRequest(del)).rejects.toBeInstanceOf(ComponentFault);
    expect(await f.knex('notes').select('text')).toEqual([]);
  });

  test('operations that completed before a failing one stay done; the failing one is rolled back', async () => {
    const f = await start({
      'sequences/CommerceDeleteOperation_WishList.json': sequenceFile('WriteNote'),
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile('WriteNote', 'Fail'),
    });
    await createNotesTable(f.knex);
    const kept = new CommerceDelete<{ modelName: string; note: string }>('WishList');
    kept.searchCriteria.model.note = 'kept';
    const lost = new CommerceQuery<{ modelName: string; note: string }>('WishList');
    lost.searchCriteria.model.note = 'lost';
    const failure = await f.processRequest(new CommerceRequest([kept, lost])).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ComponentFault);
    expect((failure as ComponentFault).operationIndex).toBe(1);
    expect((await f.knex('notes').select('text')).map((r) => r.text)).toEqual(['kept']);
  });

  test('a non-transactional sequence keeps what its components wrote before a failure', async () => {
    const f = await start({
      'sequences/CommerceDeleteOperation_WishList.json': { transactional: false, components: [{ name: 'WriteNote' }, { name: 'Fail' }] },
    });
    await createNotesTable(f.knex);
    await expect(f.processRequest(new CommerceDelete('WishList'))).rejects.toBeInstanceOf(ComponentFault);
    expect(await f.knex('notes').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  test('an error that is no fault becomes a ComponentFault naming the component, with the error as cause', async () => {
    const f = await start({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A', 'Fail') });
    const fault = (await f.processRequest(new CommerceQuery('WishList')).catch((e: unknown) => e)) as ComponentFault;
    expect(fault).toBeInstanceOf(ComponentFault);
    expect(fault.faultName).toBe('ComponentFault');
    expect(fault.component).toBe('Fail');
    expect(fault.message).toMatch(/Fail.*boom/);
    expect((fault.cause as Error).message).toBe('boom');
    expect(fault.operationIndex).toBe(0);
  });

  test('a fault thrown by a component reaches the caller as it is', async () => {
    const invalid = { execute: () => { throw ValidationFault.of('searchCriteria.model.id', 'is required'); } };
    app = tempApp({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('Check') });
    foundation = await createCommerceFoundation({ root: app.root, database: await target.create(), components: { Check: invalid } });
    const fault = await foundation.processRequest(new CommerceQuery('WishList')).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ValidationFault);
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'searchCriteria.model.id', errorMessage: 'is required' }]);
  });

  test('an operation without a sequence answers SequenceNotFoundFault naming the handler', async () => {
    const f = await start({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A') });
    const fault = await f.processRequest(new CommerceDelete('Basket')).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(SequenceNotFoundFault);
    expect((fault as SequenceNotFoundFault).handler).toBe('CommerceDeleteOperation_Basket');
  });

  test('a trace reports every component run with its time and the SQL statements it sent', async () => {
    const f = await start({ 'sequences/CommerceDeleteOperation_WishList.json': sequenceFile('A', 'WriteNote', 'WriteNote', 'B') });
    await createNotesTable(f.knex);
    const response = await f.processRequest(new CommerceDelete('WishList'), { trace: true });
    expect(response.trace?.map((t) => [t.component, t.sqlStatements])).toEqual([
      ['A', 0],
      ['WriteNote', 2], // BEGIN, INSERT
      ['WriteNote', 1],
      ['B', 0],
    ]);
    for (const entry of response.trace ?? []) {
      expect(entry).toMatchObject({ operationIndex: 0, handler: 'CommerceDeleteOperation_WishList' });
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect((await f.processRequest(new CommerceDelete('WishList'))).trace).toBeUndefined();
  });

  test('an operation whose components send no SQL sends no BEGIN or COMMIT either', async () => {
    const f = await start({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A', 'B') });
    const sql: string[] = [];
    f.knex.on('query', (q: { sql: string }) => sql.push(q.sql));
    await f.processRequest(new CommerceQuery('WishList'));
    expect(sql).toEqual([]);
  });
  test('steps that all finish at once run their commit hooks before the response arrives, and a failing one runs the rollback hooks instead', async () => {
    const f = await start({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile('Hooks', 'A', 'ReportLog'),
      'sequences/CommerceDeleteOperation_WishList.json': sequenceFile('Hooks', 'A', 'Fail', 'B'),
    });
    expect(stepsOf(await f.processRequest(new CommerceQuery('WishList')))).toEqual(['A']);
    expect(journal).toEqual(['A', 'committed']);
    journal.length = 0;
    const fault = await f.processRequest(new CommerceDelete('WishList')).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ComponentFault);
    expect((fault as ComponentFault).component).toBe('Fail');
    expect(journal).toEqual(['A', 'rolled back']);
  });

  test('operations whose steps finish at once and operations whose steps await run in request order, and a fault carries the responses before it', async () => {
    const f = await start({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile('A', 'ReportLog'),
      'sequences/CommerceDeleteOperation_WishList.json': sequenceFile('B', 'Later', 'C', 'ReportLog'),
      'sequences/CommerceQueryOperation_Basket.json': sequenceFile('Hooks', 'Fail'),
    });
    const ops = [new CommerceQuery('WishList'), new CommerceDelete('WishList'), new CommerceQuery('WishList')];
    const response = await f.processRequest(new CommerceRequest(ops));
    expect([0, 1, 2].map((i) => stepsOf(response, i))).toEqual([['A'], ['B', 'later', 'C'], ['A']]);
    expect(journal).toEqual(['A', 'B', 'later', 'C', 'A']);
    journal.length = 0;
    const fault = (await f.processRequest(new CommerceRequest([...ops, new CommerceQuery('Basket')])).catch((e: unknown) => e)) as ComponentFault;
    expect(fault).toBeInstanceOf(ComponentFault);
    expect(fault.operationIndex).toBe(3);
    expect(fault.operationResponses.map((_, i) => stepsOf({ operationResponses: fault.operationResponses }, i))).toEqual([['A'], ['B', 'later', 'C'], ['A']]);
    expect(journal).toEqual(['A', 'B', 'later', 'C', 'A', 'rolled back']);
  });
  // Isolation levels apply on MySQL/MariaDB only (SQLite's transactions are all serializable).
  if (target.label === 'MariaDB') test("a sequence's isolationLevel is the isolation of its transaction on MariaDB (read committed sees a commit made meanwhile; repeatable read does not)", async () => {
    const seen: string[] = [];
    const readTwice: SequenceComponent = {
      async execute(context) {
        const trx = await context.transaction();
        const read = async () => ((await trx('notes').select('text').orderBy('id').first()) as { text: string }).text;
        seen.push(await read());
        await foundation?.knex('notes').update({ text: `changed-${String(seen.length)}` });
        seen.push(await read());
      },
    };
    app = tempApp({
      'sequences/CommerceQueryOperation_Committed.json': { isolationLevel: 'read committed', components: [{ name: 'ReadTwice' }] },
      'sequences/CommerceQueryOperation_Repeatable.json': { isolationLevel: 'repeatable read', components: [{ name: 'ReadTwice' }] },
    });
    foundation = await createCommerceFoundation({ root: app.root, database: await target.create(), components: { ReadTwice: readTwice } });
    await createNotesTable(foundation.knex);
    await foundation.knex('notes').insert({ text: 'first' });
    await foundation.processRequest(new CommerceQuery('Committed'));
    await foundation.processRequest(new CommerceQuery('Repeatable'));
    expect(seen).toEqual(['first', 'changed-1', 'changed-1', 'changed-1']);
  });
});
