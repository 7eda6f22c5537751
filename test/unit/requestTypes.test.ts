import {
  CommerceCreate,
  CommerceDelete,
  CommerceQuery,
  CommerceRequest,
  CommerceUpdate,
  type CommerceFoundation,
  type UserProfile,
} from '../../src/index.js';

/**
 * Compile-time checks: `tsc` (npm test runs it first) fails when a response type is lost. The function is never
 * called; the test below only keeps it from being unused, and it answers what it reads for the same reason.
 */
async function responseTypes(foundation: CommerceFoundation): Promise<unknown[]> {
  const create = new CommerceCreate<UserProfile>('UserProfile');
  const del = new CommerceDelete<UserProfile>('UserProfile');
  const query = new CommerceQuery<UserProfile>('UserProfile');
  const update = new CommerceUpdate<UserProfile>('UserProfile');

  const pair = await foundation.processRequest(new CommerceRequest([create, del]));
  const created: UserProfile | undefined = pair.operationResponses[0].commerceEntity;
  const count: number = pair.operationResponses[1].count;
  // @ts-expect-error a Delete's response has no commerceEntity
  const deleteEntity = pair.operationResponses[1].commerceEntity;
  // @ts-expect-error a Create's response has no count
  const createCount = pair.operationResponses[0].count;
  // @ts-expect-error two operations, two responses
  const third = pair.operationResponses[2];

  const four = await foundation.processRequest(new CommerceRequest([query, update, create, del]));
  const found: UserProfile[] = four.operationResponses[0].commerceEntities;
  const total: number | undefined = four.operationResponses[0].totalItemCount;
  const updated: UserProfile[] = four.operationResponses[1].commerceEntities;
  // @ts-expect-error an Update's response has no totalItemCount
  const updateTotal = four.operationResponses[1].totalItemCount;

  const built = new CommerceRequest([del, create]);
  const deletedCount: number = (await foundation.processRequest(built)).operationResponses[0].count;

  const single = await foundation.processRequest(del);
  const alone: number = single.operationResponses[0].count;
  return [created, count, found, total, updated, deletedCount, alone, deleteEntity, createCount, third, updateTotal];
}

test('a request of several operations keeps each operation response type (checked by tsc)', () => {
  expect(typeof responseTypes).toBe('function');
});
