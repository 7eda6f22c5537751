import { checkConfiguration, ConfigurationError, inspectConfiguration } from '../../index.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { formatProblems } from '../formatProblems.js';

/**
 * `commerce validate`: every check start-up makes, the configured database's answer included; it creates and
 * changes nothing. Warnings (a searchable property without an index) go to stderr and change no exit code.
 */
export async function validateCommand(root: string, io: CliIO): Promise<number> {
  const problems = await checkConfiguration({ root }, { connect: true });
  const { warnings } = await inspectConfiguration({ root });
  if (warnings.length) io.err(`${warnings.length === 1 ? 'warning' : `${warnings.length} warnings`}:\n${formatProblems(warnings)}`);
  if (problems.length === 0) {
    io.out('ok');
    return exitCodes.ok;
  }
  io.err(`${ConfigurationError.count(problems)}:\n${formatProblems(problems)}`);
  return exitCodes.failed;
}
