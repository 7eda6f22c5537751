import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  CommerceCreate,
  CommerceDelete,
  CommerceQuery,
  CommerceRequest,
  CommerceUpdate,
  ItemDoesNotExistFault,
  runWithTraceContext,
  type CommerceResponse,
  type SequenceComponent,
  type TraceEntry,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { recordSpans } from '../../support/recordingSpans.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, cardModel, createUser, deleteBy, queryBy, related, testEncryptionKey } from '../../support/userProfiles.js';

// OpenTelemetry as an app sets it up, spans kept in memory.
const exporter = recordSpans();

/** A span with its children, in the order they started. */
interface SpanTree {
  readonly span: ReadableSpan;
  readonly children: SpanTree[];
}

const startOf = (s: ReadableSpan) => s.startTime[0] * 1e9 + s.startTime[1];

function treeOf(span: ReadableSpan, spans: readonly ReadableSpan[]): SpanTree {
  const children = spans.filter((s) => s.parentSpanContext?.spanId === span.spanContext().spanId).sort((a, b) => startOf(a) - startOf(b));
  return { span, children: children.map((child) => treeOf(child, spans)) };
}

/** The one processRequest span finished since the last call, as a tree. */
function requestTree(): SpanTree {
  const spans = exporter.getFinishedSpans();
  exporter.reset();
  const roots = spans.filter((s) => s.name === 'processRequest');
  expect(roots).toHaveLength(1);
  return treeOf(roots[0] as ReadableSpan, spans);
}

const failedBecause = (faultName: string) => ({ status: { code: SpanStatusCode.ERROR, message: faultName }, attributes: expect.objectContaining({ 'commerce.fault_name': faultName }) });

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
    exporter.reset();
  });

  /**
   * The request's span holds one span per operation, which holds one span per component of its sequence, in order,
   * each with the SQL statement count and time the response's trace reports for it.
   */
  function expectOperationTree(tree: SpanTree, handler: string, response: CommerceResponse<unknown[]>) {
    const steps = (s.foundation.sequences.get(handler)?.steps ?? []).map((step) => step.name);
    expect(steps.length).toBeGreaterThan(3);
    expect(tree.span.status.code).toBe(SpanStatusCode.UNSET);
    expect(tree.span.parentSpanContext).toBeUndefined();
    expect(tree.children).toHaveLength(1);
    const operation = tree.children[0] as SpanTree;
    expect(operation.span.name).toBe(handler);
    expect(operation.span.attributes).toEqual({ 'commerce.handler': handler, 'commerce.operation_index': 0 });
    expect(operation.span.status.code).toBe(SpanStatusCode.UNSET);
    expect(operation.children.map((c) => c.span.name)).toEqual(steps);
    const trace = response.trace as TraceEntry[];
    operation.children.forEach((component, i) => {
      const entry = trace[i] as TraceEntry;
      expect(component.children).toEqual([]);
      expect(component.span.status.code).toBe(SpanStatusCode.UNSET);
      expect(component.span.attributes).toEqual({
        'commerce.component': entry.component,
        'commerce.sql_statements': entry.sqlStatements,
        'commerce.duration_ms': expect.any(Number),
      });
      expect(component.span.attributes['commerce.duration_ms']).toBeGreaterThanOrEqual(0);
    });
    return trace.reduce((sum, entry) => sum + entry.sqlStatements, 0);
  }

  test('a Create of a UserProfile: processRequest › CommerceCreateOperation_UserProfile › one span per component, with its SQL count', async () => {
    const create = new CommerceCreate<UserProfile>('UserProfile');
    Object.assign(create.model, { id: 'u1', email: 'u1@example.com' });
    create.relatedOperations.push(related('Addresses', addressModel('a1')), related('CreditCards', cardModel('c1')));
    const response = await s.foundation.processRequest(create, { trace: true });
    expect(expectOperationTree(requestTree(), 'CommerceCreateOperation_UserProfile', response)).toBeGreaterThan(0);
  });

  test('a Query, an Update and a Delete of a UserProfile: each its tree of spans', async () => {
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('a1')], cards: [cardModel('c1')] });
    exporter.reset();
    const query = await s.foundation.processRequest(queryBy('id', 'u1', 'Addresses', 'CreditCards'), { trace: true });
    expectOperationTree(requestTree(), 'CommerceQueryOperation_UserProfile', query);

    const update = new CommerceUpdate<UserProfile>('UserProfile');
    update.searchCriteria.model.id = 'u1';
    update.model.firstName = 'Ann';
    const updated = await s.foundation.processRequest(update, { trace: true });
    expectOperationTree(requestTree(), 'CommerceUpdateOperation_UserProfile', updated);

    const deleted = await s.foundation.processRequest(deleteBy('id', 'u1', 'Addresses'), { trace: true });
    expect(expectOperationTree(requestTree(), 'CommerceDeleteOperation_UserProfile', deleted)).toBeGreaterThan(0);
  });

  test('the spans do not depend on the trace being asked for; two operations are two children in order', async () => {
    await createUser(s.foundation, { id: 'u1' });
    exporter.reset();
    await s.foundation.processRequest(new CommerceRequest([queryBy('id', 'u1'), deleteBy('id', 'u1')]));
    const tree = requestTree();
    expect(tree.children.map((c) => [c.span.name, c.span.attributes['commerce.operation_index']])).toEqual([
      ['CommerceQueryOperation_UserProfile', 0],
      ['CommerceDeleteOperation_UserProfile', 1],
    ]);
    const deleteSpans = (tree.children[1] as SpanTree).children;
    expect(deleteSpans.map((c) => c.span.name)).toEqual(s.foundation.sequences.get('CommerceDeleteOperation_UserProfile')?.steps.map((step) => step.name));
    expect(deleteSpans.some((c) => (c.span.attributes['commerce.sql_statements'] as number) > 0)).toBe(true);
  });

  test('a request that is not valid: its span is an error with the fault name, and no operation span', async () => {
    const query = queryBy('id', 'u1');
    (query.searchCriteria.model as Record<string, unknown>)['noSuchProperty'] = 'x';
    await expect(s.foundation.processRequest(query)).rejects.toMatchObject({ faultName: 'ValidationFault' });
    const tree = requestTree();
    expect(tree.span).toMatchObject(failedBecause('ValidationFault'));
    expect(tree.children).toEqual([]);
  });
});

forEachDatabase((target) => {
  const failing: SequenceComponent = {
    execute: () => {
      throw new Error('the disk is full');
    },
  };
  const missing: SequenceComponent = {
    execute: () => {
      throw new ItemDoesNotExistFault('no such note');
    },
  };
  const files = {
    'sequences/CommerceQueryOperation_Note.json': { transactional: false, components: [{ name: 'Fine' }, { name: 'Failing' }, { name: 'Never' }] },
    'sequences/CommerceDeleteOperation_Note.json': { transactional: false, components: [{ name: 'Missing' }] },
  };
  const components = { Fine: { execute: () => undefined }, Failing: failing, Missing: missing, Never: { execute: () => undefined } };
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files, components });
    exporter.reset();
  });

  test('an error that is no fault: the component span, its operation and its request are errors named ComponentFault', async () => {
    await expect(s.foundation.processRequest(new CommerceQuery('Note'))).rejects.toMatchObject({ faultName: 'ComponentFault' });
    const tree = requestTree();
    expect(tree.span).toMatchObject(failedBecause('ComponentFault'));
    const operation = tree.children[0] as SpanTree;
    expect(operation.span).toMatchObject(failedBecause('ComponentFault'));
    expect(operation.children.map((c) => c.span.name)).toEqual(['Fine', 'Failing']);
    expect((operation.children[0] as SpanTree).span.status.code).toBe(SpanStatusCode.UNSET);
    expect((operation.children[1] as SpanTree).span).toMatchObject(failedBecause('ComponentFault'));
  });

  test("a fault a component throws: its span carries that fault's name", async () => {
    await expect(s.foundation.processRequest(new CommerceDelete('Note'))).rejects.toBeInstanceOf(ItemDoesNotExistFault);
    const operation = requestTree().children[0] as SpanTree;
    expect((operation.children[0] as SpanTree).span).toMatchObject(failedBecause('ItemDoesNotExistFault'));
    expect(operation.span).toMatchObject(failedBecause('ItemDoesNotExistFault'));
  });

  test("processRequest's span is a child of the active span (an HTTP server's, say)", async () => {
    const tracer = trace.getTracer('the app');
    const parent = await tracer.startActiveSpan('POST /requests', async (span) => {
      await s.foundation.processRequest(new CommerceQuery('Note')).catch(() => undefined);
      span.end();
      return span.spanContext();
    });
    const request = exporter.getFinishedSpans().find((span) => span.name === 'processRequest');
    expect(request?.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(request?.spanContext().traceId).toBe(parent.traceId);
  });

  test("runWithTraceContext: processRequest's span continues the trace an incoming W3C traceparent names", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const headers = { traceparent: `00-${traceId}-${parentId}-01`, host: 'shop.example' };
    await runWithTraceContext(headers, () => s.foundation.processRequest(new CommerceQuery('Note')).catch(() => undefined));
    const request = exporter.getFinishedSpans().find((span) => span.name === 'processRequest');
    expect(request?.spanContext().traceId).toBe(traceId);
    expect(request?.parentSpanContext).toMatchObject({ traceId, spanId: parentId, isRemote: true });
  });
});
