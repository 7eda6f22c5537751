import { checkConfiguration } from '../../foundation/createCommerceFoundation.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { formatProblems } from '../formatProblems.js';
import { ConfigurationError } from '../../errors/ConfigurationError.js';

/** `commerce validate`: every check start-up makes, without touching the configured database. */
export async function validateCommand(root: string, io: CliIO): Promise<number> {
  const problems = await checkConfiguration({ root });
  if (problems.length === 0) {
    io.out('ok');
    return exitCodes.ok;
  }
  io.err(`${ConfigurationError.count(problems)}:\n${formatProblems(problems)}`);
  return exitCodes.failed;
}
