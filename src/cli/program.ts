import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { packageFolder } from '../index.js';
import { exitCodes, processIO, type CliIO } from './CliIO.js';
import { addModelCommand, newModelName } from './commands/addModel.js';
import { initCommand } from './commands/init.js';
import { migrateCommand } from './commands/migrate.js';
import { requestCommand } from './commands/request.js';
import { sequencesCommand } from './commands/sequences.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { runDemo } from './demo/runDemo.js';
import { describeTarget } from './describeTarget.js';
import { formatFailure } from './formatProblems.js';

const exitCodesHelp = `
Output: results on stdout (for request, only the response JSON); problems, faults and errors on stderr, without stack traces.
Exit codes: 0 done; 1 configuration problems, a fault or an error; 2 a usage error: an unknown command or option,
a missing argument, or a --root that is no existing folder (the command line itself is wrong, so nothing was read).`;

function portNumber(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('give a port number from 0 to 65535.');
  return port;
}

/** A folder that exists: a mistyped --root must not become a new, empty app (nor a new SQLite database). */
function existingFolder(value: string): string {
  const root = resolve(value);
  if (!existsSync(root)) throw new InvalidArgumentError(`${root} does not exist: give an existing folder (create it first, even for init).`);
  if (!statSync(root).isDirectory()) throw new InvalidArgumentError(`${root} is not a folder.`);
  return root;
}

const version = (JSON.parse(readFileSync(packageFolder(import.meta.url, 'package.json'), 'utf8')) as { version: string }).version;

function program(io: CliIO, result: { code: number }): Command {
  const cli = new Command('commerce')
    .description('Commerce Foundation operation sequences and Profiles System: run, inspect and set up an app')
    .version(version, '-V, --version', 'the version of commerce-foundation')
    .option('--root <dir>', 'the app folder holding config/ and sequences/; it must exist', existingFolder, process.cwd())
    .showHelpAfterError('(commerce --help lists the commands)')
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  const root = () => resolve(cli.opts<{ root: string }>().root);
  const run = (work: () => Promise<number | void>) => async () => {
    result.code = (await work()) ?? exitCodes.ok;
  };

  cli.command('demo').description('the main job: Create, Query, Update and Delete of users sharing addresses and cards, on embedded SQLite').action(run(() => runDemo(root(), io)));
  cli
    .command('init')
    .description('write config/commerce.json, the shipped sequence files and profile definitions into the root, for editing')
    .option('--force', 'replace files that exist')
    .action(async (options: { force?: boolean }) => run(() => initCommand(root(), options, io))());
  cli
    .command('add-model')
    .argument('<Name>', 'the model name, PascalCase (WishList)', newModelName)
    .option('--force', 'replace files that exist')
    .description('write a model file, its profile definition and its four sequence files into the root, ready to edit')
    .action(async (name: string, options: { force?: boolean }) => run(() => addModelCommand(root(), name, options, io))());
  cli
    .command('sequences')
    .argument('[handler]', 'one handler, e.g. CommerceDeleteOperation_UserProfile')
    .option('--channel <name>', 'the effective sequences of a channel that config/commerce.json → channels declares')
    .description('the effective sequences: each handler, where its file came from, its steps in order with who put each there; then any problems, as validate')
    .action(async (handler: string | undefined, options: { channel?: string }) => run(() => sequencesCommand(root(), handler, io, options))());
  cli.command('validate').description('check everything start-up checks, the configured database answering included (creates and changes nothing); prints ok, or every problem').action(run(() => validateCommand(root(), io)));
  cli.command('migrate').description('create or extend the tables in the configured database').action(run(() => migrateCommand(root(), io)));
  cli
    .command('request')
    .argument('<file>', 'a request in JSON form, or - for standard input')
    .option('--trace', 'add the trace of every component run: as tables on a terminal, inside the JSON otherwise')
    .description('run a request in its JSON form and print the response as JSON')
    .action(async (file: string, options: { trace?: boolean }) => run(() => requestCommand(root(), file, options, io))());
  cli
    .command('serve')
    .option('--port <port>', 'the port to listen on (default PORT, else 8080)', portNumber)
    .option('--host <host>', 'the address to listen on (default HOST, else 127.0.0.1); other than loopback needs server.auth', undefined)
    .description('run the foundation as an HTTP service (POST /v1/processRequest, GET /openapi.json) until SIGTERM or SIGINT')
    .action(async (options: { port?: number; host?: string }) => run(() => serveCommand(root(), { ...options, version }, io))());
  for (const command of [cli, ...cli.commands]) command.addHelpText('after', () => describeTarget(root()));
  cli.addHelpText('after', exitCodesHelp);
  return cli;
}

/** Runs the `commerce` command line; resolves the exit code. */
export async function runCli(args: readonly string[], io: CliIO = processIO): Promise<number> {
  const result = { code: exitCodes.ok as number };
  try {
    await program(io, result).parseAsync([...args], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    io.err(formatFailure(error));
    return exitCodes.failed;
  }
}
