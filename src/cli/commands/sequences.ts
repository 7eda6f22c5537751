import { readSetup } from '../../foundation/readSetup.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { formatProblems } from '../formatProblems.js';

/** `commerce sequences [handler]`: the effective sequences, where each came from, its components in order. */
export async function sequencesCommand(root: string, handler: string | undefined, io: CliIO): Promise<number> {
  const setup = await readSetup({ root });
  const sources = [...setup.sequenceSources.values()].sort((a, b) => a.handler.localeCompare(b.handler));
  const shown = handler ? sources.filter((s) => s.handler === handler) : sources;
  if (handler && shown.length === 0) {
    io.err(`no sequence for ${handler}; there are: ${sources.map((s) => s.handler).join(', ') || 'none'}`);
    return exitCodes.failed;
  }
  const blocks = shown.map(({ handler: name, file, origin, definition }) => {
    const how = [origin === 'app' ? 'app' : 'shipped', definition.transactional ? 'transactional' : 'not transactional', definition.isolationLevel]
      .filter(Boolean)
      .join(', ');
    let step = 0;
    const lines = definition.components.map((c) => {
      const configured = c.configuration === undefined ? '' : `  ${JSON.stringify(c.configuration)}`;
      return c.enabled ? `  ${String(++step).padStart(2)}. ${c.name}${configured}` : `   -  ${c.name}  (disabled)${configured}`;
    });
    return [`${name}  (${how}: ${file})`, ...lines].join('\n');
  });
  io.out(blocks.join('\n\n'));
  if (setup.problems.length) {
    io.err(`\nThe configuration has problems:\n${formatProblems(setup.problems)}`);
    return exitCodes.failed;
  }
  return exitCodes.ok;
}
