import { checkConfiguration, ConfigurationError } from '../../index.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { formatProblems } from '../formatProblems.js';

/** `commerce validate`: every check start-up makes, the configured database's answer included; it creates and changes nothing. */
export async function validateCommand(root: string, io: CliIO): Promise<number> {
  const problems = await checkConfiguration({ root }, { connect: true });
  if (problems.length === 0) {
    io.out('ok');
    return exitCodes.ok;
  }
  io.err(`${ConfigurationError.count(problems)}:\n${formatProblems(problems)}`);
  return exitCodes.failed;
}
