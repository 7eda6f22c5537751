import { ConfigurationError, didYouMean, inspectConfiguration, type SequenceSource } from '../../index.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { formatProblems } from '../formatProblems.js';

function describe({ handler, file, origin, definition, valid, entries, patchedBy, channel }: SequenceSource): string {
  const how = [
    channel === undefined ? undefined : `channel ${channel}`,
    origin,
    definition.transactional ? 'transactional' : 'not transactional',
    definition.isolationLevel,
    definition.transactionTimeoutSeconds > 0 ? `timeout ${String(definition.transactionTimeoutSeconds)} s` : 'no timeout',
  ]
    .filter(Boolean)
    .join(', ');
  const patched = patchedBy.length ? `; patched by ${patchedBy.join(', ')}` : '';
  const width = Math.max(0, ...entries.map((e) => e.name.length));
  let step = 0;
  const lines = entries.map((c) => {
    const configured = c.configuration === undefined ? '' : `  ${JSON.stringify(c.configuration)}`;
    const from = `  ← ${c.origin.by}${c.configuredBy ? `; configured by ${c.configuredBy.by}` : ''}`;
    const name = (c.name || '?').padEnd(width);
    return c.enabled ? `  ${String(++step).padStart(2)}. ${name}${from}${configured}` : `   -  ${name}${from}  (disabled)${configured}`;
  });
  return [`${handler}  (${how}: ${file}${patched}${valid ? '' : '; not a valid sequence file, see the problems below'})`, ...lines].join('\n');
}

/**
 * `commerce sequences [handler] [--channel X]`: the effective sequences of the default channel (or of X), where each
 * came from, its steps in order with who put each there; then every problem `validate` finds.
 */
export async function sequencesCommand(root: string, handler: string | undefined, io: CliIO, options: { channel?: string } = {}): Promise<number> {
  const { sequences: defaults, channels, problems } = await inspectConfiguration({ root });
  const sequences = options.channel === undefined ? defaults : channels.get(options.channel);
  if (!sequences) {
    const declared = [...channels.keys()];
    io.err(`no channel ${options.channel ?? ''} is declared in config/commerce.json → channels.${didYouMean(options.channel ?? '', declared)} Declared: ${declared.join(', ') || 'none'}`);
    return exitCodes.failed;
  }
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
