import { z } from 'zod';
import {
  CommerceCreateRelatedItem,
  CommerceDelete,
  CommerceQuery,
  CommerceQueryRelatedItem,
  CommerceRequest,
  CommerceUpdate,
  createCommerceFoundation,
  ValidationFault,
  type CommerceFoundation,
  type ModelDefinition,
} from '../../src/index.js';
import { forEachDatabase } from '../support/databases.js';
import { step } from '../support/recordingComponents.js';
import { sequenceFile, tempApp, type TempApp } from '../support/tempApp.js';

const wishListSchema = z.object({
  modelName: z.literal('WishList'),
  id: z.string(),
  title: z.string().max(10),
  priority: z.number().int(),
  items: z.array(z.object({ modelName: z.literal('WishItem'), id: z.string() })).optional(),
});
type WishList = z.infer<typeof wishListSchema>;

const models: ModelDefinition[] = [
  {
    name: 'WishList',
    schema: wishListSchema,
    relationships: { Items: { modelName: 'WishItem', many: true } },
    rules: {
      CommerceDelete: (op) =>
        op instanceof CommerceDelete && (op.searchCriteria.model as Partial<WishList>).id ? [] : [{ property: 'searchCriteria.model.id', errorMessage: 'is required' }],
    },
  },
  { name: 'WishItem', schema: z.object({ modelName: z.literal('WishItem'), id: z.string(), sku: z.string() }), relationships: {} },
];

async function faultOf(promise: Promise<unknown>): Promise<ValidationFault> {
  const fault = await promise.catch((e: unknown) => e);
  expect(fault).toBeInstanceOf(ValidationFault);
  return fault as ValidationFault;
}

forEachDatabase((target) => {
  let app: TempApp;
  let foundation: CommerceFoundation;
  const journal: string[] = [];
  const sql: string[] = [];

  beforeAll(async () => {
    const handlers = ['Query', 'Delete', 'Update', 'Create'].map((op) => `sequences/Commerce${op}Operation_WishList.json`);
    app = tempApp(Object.fromEntries(handlers.map((h) => [h, sequenceFile('Step')])));
    foundation = await createCommerceFoundation({
      root: app.root,
      database: await target.create(),
      components: { Step: step('ran', journal) },
      models,
    });
    foundation.knex.on('query', (q: { sql: string }) => sql.push(q.sql));
  });
  afterAll(async () => {
    await foundation.close();
    app.remove();
  });
  beforeEach(() => {
    journal.length = 0;
    sql.length = 0;
  });
  afterEach(() => {
    expect(journal).toEqual([]);
    expect(sql).toEqual([]);
  });

  test('an unknown property of the model is named, and no component runs and no SQL is sent', async () => {
    const query = new CommerceQuery<WishList>('WishList');
    (query.searchCriteria.model as Record<string, unknown>)['colour'] = 'red';
    const fault = await faultOf(foundation.processRequest(query));
    expect(fault.validationErrors).toEqual([{ property: 'searchCriteria.model.colour', errorMessage: 'WishList has no property colour' }]);
    expect(fault.operationIndex).toBe(0);
  });

  test('a value of the wrong kind is named with what is wrong', async () => {
    const update = new CommerceUpdate<WishList>('WishList');
    update.searchCriteria.model.id = 'w1';
    update.model.title = 'far too long a title';
    (update.model as Record<string, unknown>)['priority'] = 'high';
    const fault = await faultOf(foundation.processRequest(update));
    expect(fault.validationErrors.map((e) => e.property).sort()).toEqual(['model.priority', 'model.title']);
  });

  test("a searchCriteria.model.modelName other than the operation's is refused", async () => {
    const del = new CommerceDelete<WishList>('WishList');
    del.searchCriteria.model.id = 'w1';
    (del.searchCriteria.model as Record<string, unknown>)['modelName'] = 'UserProfile';
    const fault = await faultOf(foundation.processRequest(del));
    expect(fault.validationErrors).toEqual([
      { property: 'searchCriteria.model.modelName', errorMessage: expect.stringMatching(/must be WishList/) },
    ]);
  });

  test("a model's own rules run after the shape is right", async () => {
    const fault = await faultOf(foundation.processRequest(new CommerceDelete<WishList>('WishList')));
    expect(fault.validationErrors).toEqual([{ property: 'searchCriteria.model.id', errorMessage: 'is required' }]);
  });

  test('related operations must name a relationship of the model, allowed for the operation, with valid values', async () => {
    const query = new CommerceQuery<WishList>('WishList');
    query.relatedOperations.push(new CommerceQueryRelatedItem('Itemz'));
    const items = new CommerceQueryRelatedItem('Items');
    items.searchCriteria.sortProperties.push({ property: 'price', sortDirection: 'Ascending' });
    query.relatedOperations.push(items);
    query.relatedOperations.push(new CommerceCreateRelatedItem('Items'));
    const fault = await faultOf(foundation.processRequest(query));
    expect(fault.validationErrors).toEqual([
      { property: 'relatedOperations[0].relationshipName', errorMessage: 'WishList has no relationship Itemz; it has Items' },
      { property: 'relatedOperations[1].searchCriteria.sortProperties[0]', errorMessage: 'WishItem has no property price' },
      { property: 'relatedOperations[2].operation', errorMessage: expect.stringMatching(/CommerceCreateRelatedItem is not allowed/) },
    ]);
  });

  test('propertiesToReturn and sortProperties must name properties of the model', async () => {
    const query = new CommerceQuery<WishList>('WishList');
    query.propertiesToReturn = ['title', 'owner'];
    query.searchCriteria.sortProperties.push({ property: 'rank', sortDirection: 'Descending' });
    const fault = await faultOf(foundation.processRequest(query));
    expect(fault.validationErrors.map((e) => e.property)).toEqual(['searchCriteria.sortProperties[0]', 'propertiesToReturn[1]']);
  });

  test('a bad request context is refused, naming the property', async () => {
    const fault = await faultOf(foundation.processRequest(new CommerceQuery('WishList'), { trace: 'yes' } as never));
    expect(fault.validationErrors.map((e) => e.property)).toEqual(['requestContext.trace']);
  });

  test('in a request of several operations, the failing one is named by its index, and none of them runs', async () => {
    const ok = new CommerceQuery<WishList>('WishList');
    const bad = new CommerceQuery<WishList>('WishList');
    bad.searchCriteria.firstItemIndex = -5;
    const fault = await faultOf(foundation.processRequest(new CommerceRequest([ok, bad])));
    expect(fault.operationIndex).toBe(1);
    expect(fault.validationErrors.map((e) => e.property)).toEqual(['searchCriteria.firstItemIndex']);
  });
});
