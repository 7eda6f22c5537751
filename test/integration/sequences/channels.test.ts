import { CommerceRequest, ConfigurationError, ValidationFault, checkConfiguration, createCommerceFoundation, defineCommerceModule, type TraceEntry } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { sequenceFile, tempApp } from '../../support/tempApp.js';
import { createUser, queryBy } from '../../support/userProfiles.js';
import { auditModule, marks, marksModule } from './patchModules.js';

const query = 'CommerceQueryOperation_UserProfile';
const del = 'CommerceDeleteOperation_UserProfile';
const components = (trace: readonly TraceEntry[] | undefined) => (trace ?? []).map((t) => `${String(t.operationIndex)}:${t.component}`);

const channelApp = {
  'config/commerce.json': { channels: ['wholesale', 'mobile'] },
  // wholesale: the default sequence, patched
  [`sequences/wholesale/${query}.patch.json`]: { patches: [{ add: { name: 'Mark', configuration: { label: 'wholesale' } }, at: 'start' }] },
  // mobile: a whole file of its own; the modules' patches still apply to it
  [`sequences/mobile/${query}.json`]: sequenceFile('UserProfileLoader', 'UserProfileResponseBuilder'),
  [`sequences/mobile/${del}.json`]: sequenceFile('UserProfileLoader', 'UserProfileCommitter'),
};

beforeEach(() => {
  marks.length = 0;
});

forEachDatabase((target) => {
  test("requestContext.channel picks the channel's sequences; no channel is the default; an undeclared one is a ValidationFault on requestContext.channel before any SQL", async () => {
    const s = await startFoundation(target, { modules: [auditModule, marksModule], files: channelApp });
    await createUser(s.foundation, { id: 'c1' });

    const plain = await s.foundation.processRequest(queryBy('id', 'c1'), { trace: true });
    expect(components(plain.trace)[0]).toBe('0:UserProfileLoader');
    expect(marks).toEqual([]);

    const wholesale = await s.foundation.processRequest(queryBy('id', 'c1'), { channel: 'wholesale', trace: true });
    expect(wholesale.operationResponses[0].commerceEntities.map((e) => e.id)).toEqual(['c1']);
    expect(wholesale.trace?.[0]).toMatchObject({ component: 'Mark', origin: `patch sequences/wholesale/${query}.patch.json` });
    expect(components(wholesale.trace).slice(1)).toEqual(components(plain.trace));
    expect(marks).toEqual(['wholesale']);

    const mobile = await s.foundation.processRequest(queryBy('id', 'c1'), { channel: 'mobile', trace: true });
    expect(mobile.trace?.map((t) => [t.component, t.origin])).toEqual([
      ['UserProfileLoader', `app sequences/mobile/${query}.json`],
      ['UserProfileResponseBuilder', `app sequences/mobile/${query}.json`],
    ]);
    // A whole file of a channel takes the modules' patches, as the app's whole files do.
    expect(s.foundation.channelSequences.get('mobile')?.get(del)?.steps.map((step) => [step.name, step.origin])).toEqual([
      ['UserProfileLoader', `app sequences/mobile/${del}.json`],
      ['UserProfileCommitter', `app sequences/mobile/${del}.json`],
      ['Mark', 'module marks'],
      ['AuditTrail', 'module audit'],
      ['Mark', 'module marks'],
    ]);
    // What a channel does not give is the default channel's effective sequence.
    expect(s.foundation.channelSequences.get('wholesale')?.get(del)?.steps).toEqual(s.foundation.sequences.get(del)?.steps);

    s.sql.reset();
    const fault = await s.foundation.processRequest(queryBy('id', 'c1'), { channel: 'retail' }).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ValidationFault);
    expect((fault as ValidationFault).validationErrors).toEqual([
      { property: 'requestContext.channel', errorMessage: 'is no channel declared in config/commerce.json → channels (declared: wholesale, mobile)' },
    ]);
    expect((fault as ValidationFault).message).not.toContain('retail');
    // The default channel has no name a request could give.
    expect(await s.foundation.processRequest(queryBy('id', 'c1'), { channel: '' }).catch((e: unknown) => e)).toBeInstanceOf(ValidationFault);
    // authorizeRequest validates the request as processRequest does: the same fault for an undeclared channel.
    const asked = await s.foundation.authorizeRequest(queryBy('id', 'c1'), { channel: 'retail' }).catch((e: unknown) => e);
    expect((asked as ValidationFault).validationErrors).toEqual((fault as ValidationFault).validationErrors);
    expect(await s.foundation.authorizeRequest(queryBy('id', 'c1'), { channel: 'wholesale' })).toMatchObject({ allowed: true });
    expect(s.sql.count()).toBe(0);
  });

  test('one request has one context: all its operations run under its channel; requests one after another each use their own', async () => {
    const s = await startFoundation(target, { modules: [auditModule, marksModule], files: channelApp });
    await createUser(s.foundation, { id: 'c2' });
    await createUser(s.foundation, { id: 'c3' });
    const both = () => new CommerceRequest([queryBy('id', 'c2'), queryBy('id', 'c3')]);

    const wholesale = await s.foundation.processRequest(both(), { channel: 'wholesale', trace: true });
    expect(components(wholesale.trace).filter((c) => c.endsWith(':Mark'))).toEqual(['0:Mark', '1:Mark']);
    const mobile = await s.foundation.processRequest(both(), { channel: 'mobile', trace: true });
    expect(components(mobile.trace)).toEqual(['0:UserProfileLoader', '0:UserProfileResponseBuilder', '1:UserProfileLoader', '1:UserProfileResponseBuilder']);
    const plain = await s.foundation.processRequest(both(), { trace: true });
    expect(components(plain.trace).some((c) => c.endsWith(':Mark'))).toBe(false);
    expect(marks).toEqual(['wholesale', 'wholesale']);
    expect([wholesale, mobile, plain].map((r) => r.operationResponses.map((o) => o.commerceEntities[0]?.id))).toEqual([
      ['c2', 'c3'],
      ['c2', 'c3'],
      ['c2', 'c3'],
    ]);
  });

  test('a module whose patches apply last keeps its step first in every sequence of every channel, whatever the app, other modules and channels add at the start', async () => {
    const gate = defineCommerceModule({
      name: 'gate',
      components: { Gate: { execute: () => void marks.push('gate') } },
      sequencePatches: () => [{ add: { name: 'Gate' }, at: 'start' }],
      sequencePatchesLast: true,
    });
    const early = defineCommerceModule({ name: 'early', sequencePatches: [{ handler: query, add: { name: 'Mark', configuration: { label: 'early' } }, at: 'start' }] });
    // Loaded first, it still applies after the others.
    const s = await startFoundation(target, {
      modules: [gate, auditModule, marksModule, early],
      files: { ...channelApp, [`sequences/${query}.patch.json`]: { patches: [{ add: { name: 'Mark', configuration: { label: 'app' } }, at: 'start' }] } },
    });
    const everywhere = [s.foundation.sequences, ...s.foundation.channelSequences.values()].flatMap((sequences) => [...sequences.values()]);
    expect(everywhere.length).toBeGreaterThan(8);
    for (const sequence of everywhere) expect([sequence.handler, sequence.steps[0]?.name, sequence.steps[0]?.origin]).toEqual([sequence.handler, 'Gate', 'module gate']);
    await createUser(s.foundation, { id: 'g1' });
    marks.length = 0;
    await s.foundation.processRequest(queryBy('id', 'g1'), { channel: 'wholesale' });
    expect(marks).toEqual(['gate', 'wholesale', 'app', 'early']);
  });

  test('a folder under sequences/ that no channel declares, and a problem in a channel file, fail start-up; checkConfiguration checks every channel', async () => {
    const app = tempApp({
      'config/commerce.json': { channels: ['wholesale'] },
      'sequences/wholesal/CommerceQueryOperation_UserProfile.json': sequenceFile('UserProfileLoader'),
      [`sequences/wholesale/${query}.patch.json`]: { patches: [{ remove: 'UserProfileLoadr' }] },
    });
    const error = await createCommerceFoundation({ root: app.root, database: await target.create() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    const expected = [
      ['sequences/wholesal/', '', expect.stringMatching(/is a folder for a channel that config\/commerce\.json → channels does not declare \(the declared channels: wholesale\)\. Did you mean wholesale\?/)],
      [`sequences/wholesale/${query}.patch.json`, 'patches[0].remove', expect.stringMatching(/has no step "UserProfileLoadr"\. Did you mean UserProfileLoader\?/)],
    ];
    expect((error as ConfigurationError).problems.map((p) => [p.file, p.path, p.message])).toEqual(expected);
    expect((await checkConfiguration({ root: app.root })).map((p) => [p.file, p.path, p.message])).toEqual(expected);
    app.remove();
  });
});
