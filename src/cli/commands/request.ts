import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createCommerceFoundation } from '../../foundation/createCommerceFoundation.js';
import { CommerceRequest } from '../../requests/CommerceRequest.js';
import { exitCodes, type CliIO } from '../CliIO.js';

/** `commerce request <file | ->`: runs a request in its JSON form and prints the response as JSON. */
export async function requestCommand(root: string, source: string, options: { trace?: boolean }, io: CliIO): Promise<number> {
  const text = source === '-' ? await io.readStdin() : await readFile(resolve(source), 'utf8');
  const request = CommerceRequest.fromJSON(text);
  const foundation = await createCommerceFoundation({ root });
  try {
    const response = await foundation.processRequest(request, options.trace ? { trace: true } : {});
    io.out(JSON.stringify(response, null, 2));
    return exitCodes.ok;
  } finally {
    await foundation.close();
  }
}
