import { PatchedSequence, type LocatedPatch } from '../../src/sequences/applySequencePatches.js';
import { sequencePatchSchema, type SequencePatchInput } from '../../src/sequences/sequencePatchSchema.js';
import { placedEntries } from '../../src/sequences/StepOrigin.js';

const handler = 'CommerceDeleteOperation_UserProfile';
const base = () => placedEntries(['Load', 'Mark', 'Commit', 'Mark', 'Respond'].map((name) => ({ name, enabled: true })), { by: 'package', file: 'shipped.json' });
const by = (who: string, ...patches: SequencePatchInput[]): LocatedPatch[] =>
  patches.map((patch, i) => ({ patch: sequencePatchSchema.parse(patch), by: who, file: `${who}.json`, path: `patches[${String(i)}]` }));
const names = (sequence: PatchedSequence) => sequence.entries.map((e) => e.name);

describe('patching one sequence', () => {
  test('occurrence picks among steps of one name; a bare name that occurs twice, or an occurrence past the last, is a problem that changes nothing', () => {
    const sequence = new PatchedSequence(handler, base());
    expect(sequence.apply(by('a', { add: { name: 'Audit' }, after: { name: 'Mark', occurrence: 2 } }, { remove: { name: 'Mark', occurrence: 1 } }))).toEqual([]);
    expect(names(sequence)).toEqual(['Load', 'Commit', 'Mark', 'Audit', 'Respond']);
    const again = new PatchedSequence(handler, base());
    expect(again.apply(by('b', { remove: 'Mark' }, { configure: { name: 'Mark', occurrence: 3 }, configuration: {} }))).toEqual([
      { file: 'b.json', path: 'patches[0].remove', message: `"Mark" occurs 2 times in ${handler}; say which: { "name": "Mark", "occurrence": 1 } (counting from 1)` },
      { file: 'b.json', path: 'patches[1].configure', message: `${handler} has 2 steps named "Mark", not 3` },
    ]);
    expect(names(again)).toEqual(names(new PatchedSequence(handler, base())));
  });

  test("a later contributor that removes or replaces what an earlier one took, or anchors on it, is a problem naming both; the same contributor's own later edits are its own business", () => {
    const sequence = new PatchedSequence(handler, base());
    expect(sequence.apply(by('module a', { replace: 'Commit', with: { name: 'Commit', configuration: { fast: true } } }, { remove: 'Respond' }))).toEqual([]);
    expect(sequence.apply(by('module a', { configure: 'Commit', configuration: { fast: false } }))).toEqual([]);
    expect(sequence.apply(by('patch b', { replace: 'Commit', with: { name: 'MyCommit' } }, { remove: 'Respond' }, { add: { name: 'X' }, before: 'Respond' }))).toEqual([
      { file: 'patch b.json', path: 'patches[0].replace', message: `module a and patch b both replace the step "Commit" of ${handler} (module a replaced it first)` },
      { file: 'patch b.json', path: 'patches[1].remove', message: `module a and patch b both remove the step "Respond" of ${handler} (module a removed it first)` },
      { file: 'patch b.json', path: 'patches[2].before', message: `the step "Respond" of ${handler} was removed by module a, so patch b cannot place or configure against it` },
    ]);
    expect(sequence.entries.map((e) => [e.name, e.origin.by, e.configuredBy?.by, e.configuration])).toEqual([
      ['Load', 'package', undefined, undefined],
      ['Mark', 'package', undefined, undefined],
      ['Commit', 'module a', 'module a', { fast: false }],
      ['Mark', 'package', undefined, undefined],
    ]);
  });

  test('add goes at the end without a place, at the start with "at": "start"; a missing anchor gets the closest names', () => {
    const sequence = new PatchedSequence(handler, base());
    expect(sequence.apply(by('m', { add: { name: 'Last' } }, { add: { name: 'First' }, at: 'start' }, { add: { name: 'Y' }, after: 'Comit' }))).toEqual([
      { file: 'm.json', path: 'patches[2].after', message: `${handler} has no step "Comit". Did you mean Commit? Its steps: First, Load, Mark, Commit, Respond, Last` },
    ]);
    expect(names(sequence)).toEqual(['First', 'Load', 'Mark', 'Commit', 'Mark', 'Respond', 'Last']);
    expect(sequence.entries[0]?.origin).toEqual({ by: 'm', file: 'm.json', path: 'patches[1].add' });
  });
});
