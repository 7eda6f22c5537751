import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CommerceRequest, createCommerceFoundation, jsonSyntaxError, type TraceEntry } from '../../index.js';
import { cliLogger } from '../cliLogger.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { formatTrace } from '../formatTrace.js';

function traceTables(trace: readonly TraceEntry[]): string {
  const byOperation = new Map<number, TraceEntry[]>();
  for (const entry of trace) byOperation.set(entry.operationIndex, [...(byOperation.get(entry.operationIndex) ?? []), entry]);
  return [...byOperation.values()].map((entries) => `\n${(entries[0]?.operationIndex ?? 0) + 1}. ${entries[0]?.handler ?? ''}\n${formatTrace(entries)}`).join('\n');
}

/**
 * `commerce request <file | ->`: runs a request in its JSON form and prints the response as JSON. With `--trace`,
 * a terminal gets the trace as the demo's tables; a pipe gets it inside the JSON, for programs.
 */
export async function requestCommand(root: string, source: string, options: { trace?: boolean }, io: CliIO): Promise<number> {
  const text = source === '-' ? await io.readStdin() : await readFile(resolve(source), 'utf8');
  const where = jsonSyntaxError(text);
  if (where !== undefined) {
    io.err(`${source === '-' ? 'standard input' : source}: is not valid JSON: ${where}`);
    return exitCodes.failed;
  }
  const request = CommerceRequest.fromJSON(text);
  const foundation = await createCommerceFoundation({ root, logger: cliLogger() });
  try {
    const response = await foundation.processRequest(request, options.trace ? { trace: true } : {});
    const { trace, ...untraced } = response;
    const asTables = trace !== undefined && io.isTTY;
    io.out(JSON.stringify(asTables ? untraced : response, null, 2));
    if (asTables) io.out(traceTables(trace));
    return exitCodes.ok;
  } finally {
    await foundation.close();
  }
}
