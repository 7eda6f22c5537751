// `node --import <this file> script.ts`: runs a script and the framework's TypeScript sources in a child process,
// compiled as they are loaded (as jest does), so that a test can watch a whole process start and end.
import { register } from 'node:module';

register('./typeScriptHooks.mjs', import.meta.url);
