import { ConfigurationError, didYouMean, inspectConfiguration, type SequenceSource } from '../../index.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { formatProblems } from '../formatProblems.js';

function describe({ handler, file, origin, definition, valid }: SequenceSource): string {
  const how = [origin, definition.transactional ? 'transactional' : 'not transactional', definition.isolationLevel]
    .filter(Boolean)
    .join(', ');
  let step = 0;
  const lines = definition.components.map((c) => {
    const configured = c.configuration === undefined ? '' : `  ${JSON.stringify(c.configuration)}`;
    return c.enabled ? `  ${String(++step).padStart(2)}. ${c.name}${configured}` : `   -  ${c.name || '?'}  (disabled)${configured}`;
  });
  return [`${handler}  (${how}: ${file}${valid ? '' : '; not a valid sequence file, see the problems below'})`, ...lines].join('\n');
}

/** `commerce sequences [handler]`: the effective sequences, where each came from, its components in order; then every problem `validate` finds. */
export async function sequencesCommand(root: string, handler: string | undefined, io: CliIO): Promise<number> {
  const { sequences, problems } = await inspectConfiguration({ root });
  const sources = [...sequences.values()].sort((a, b) => a.handler.localeCompare(b.handler));
  const shown = handler ? sources.filter((s) => s.handler === handler) : sources;
  if (handler && shown.length === 0) {
    const names = sources.map((s) => s.handler);
    io.err(`no sequence for ${handler}.${didYouMean(handler, names)} There are: ${names.join(', ') || 'none'}`);
    return exitCodes.failed;
  }
  if (shown.length) io.out(shown.map(describe).join('\n\n'));
  if (problems.length === 0) return exitCodes.ok;
  io.err(`${shown.length ? '\n' : ''}The configuration has ${ConfigurationError.count(problems)}:\n${formatProblems(problems)}`);
  return exitCodes.failed;
}
