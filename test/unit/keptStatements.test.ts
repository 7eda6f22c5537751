import { KeptStatements, Slot } from '../../src/profiles/store/sql/keptStatements.js';

describe('statements kept by their shape', () => {
  const lists = (a: unknown[], b: unknown[]) => ({ a, b });
  const valueAt = (values: { a: unknown[]; b: unknown[] }) => (slot: Slot) => (slot.list === 'a' ? values.a : values.b)[slot.index];
  const builder = (values: { a: unknown[]; b: unknown[] }, pad = false) => {
    const calls: boolean[] = [];
    const build = (slotted: boolean) => {
      calls.push(slotted);
      const a = slotted ? values.a.map((_, i) => new Slot(0, 'a', i)) : values.a;
      const b = slotted ? values.b.map((_, i) => new Slot(0, 'b', i)) : values.b;
      return { sql: `IN (${a.map(() => '?').join(', ')}) NOT IN (${b.map(() => '?').join(', ')})`, bindings: [...b, ...a, ...(pad ? [null] : [])] };
    };
    return { build, calls };
  };

  it('builds a shape once, for slots, and binds each call its own values in the places the slots took', () => {
    const kept = new KeptStatements();
    const first = builder(lists([1, 2], ['x']), true);
    expect(kept.statement('2,1', first.build, valueAt(lists([1, 2], ['x'])))).toEqual({ sql: 'IN (?, ?) NOT IN (?)', bindings: ['x', 1, 2, null] });
    const second = builder(lists([7, 8], ['y']), true);
    const statement = kept.statement('2,1', second.build, valueAt(lists([7, 8], ['y'])));
    expect(statement).toEqual({ sql: 'IN (?, ?) NOT IN (?)', bindings: ['y', 7, 8, null] });
    expect(first.calls).toEqual([true]);
    expect(second.calls).toEqual([]);
  });

  it('keeps nothing of a built statement that binds a value itself (a list folded into one text), and builds it with the values each time', () => {
    const kept = new KeptStatements();
    const slottedBuilds: unknown[][] = [];
    const folding = (values: unknown[]) => (slotted: boolean) => {
      if (slotted) slottedBuilds.push(values);
      return { sql: 'IN (SELECT value FROM json_each(?))', bindings: [JSON.stringify(slotted ? values.map((_, i) => new Slot(0, 'a', i)) : values)] };
    };
    expect(kept.statement('long', folding([1, 2]), () => undefined)).toEqual({ sql: 'IN (SELECT value FROM json_each(?))', bindings: ['[1,2]'] });
    expect(kept.statement('long', folding([3, 4]), () => undefined)).toEqual({ sql: 'IN (SELECT value FROM json_each(?))', bindings: ['[3,4]'] });
    // The shape is remembered as one that cannot be kept: it is not built for slots again.
    expect(slottedBuilds).toEqual([[1, 2]]);
  });

  it('builds with the values when there is no shape, and answers no statement where there is none to send', () => {
    const kept = new KeptStatements();
    const plain = builder(lists([5], []));
    expect(kept.statement(undefined, plain.build, () => undefined)?.bindings).toEqual([5]);
    expect(plain.calls).toEqual([false]);
    let built = 0;
    const none = () => {
      built++;
      return undefined;
    };
    expect(kept.statement('empty', none, () => undefined)).toBeUndefined();
    expect(kept.statement('empty', none, () => undefined)).toBeUndefined();
    expect(built).toBe(1);
  });
});
