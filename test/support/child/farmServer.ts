// A server of a web farm in a process of its own (see farmClose.test.ts): it starts on the app root given, says so,
// and closes as soon as it hears that its Redis is gone. The process must then end by itself.
import { createCommerceFoundation, type CommerceFoundation, type Logger } from '../../../src/index.js';

// Set once started; the logger may hear from the farm before that.
const server: { foundation?: CommerceFoundation } = {};
let closing = false;
const ignore = () => undefined;
const logger: Logger = {
  debug: ignore,
  info: ignore,
  error: ignore,
  warn(_fields, message) {
    if (closing || !server.foundation || message !== 'web farm connection') return;
    closing = true;
    void server.foundation.close().then(() => console.log('closed'));
  },
  child: () => logger,
};
server.foundation = await createCommerceFoundation({ root: process.argv[2] ?? '.', logger });
console.log('started');
