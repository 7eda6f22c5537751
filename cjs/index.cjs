'use strict';
// require() of this package lands here on every Node version, also where Node could require() ES modules, so that
// a CommonJS app fails the same way everywhere, at once, with what to do.
throw new Error(
  "commerce-foundation is an ES module: use import (from CommonJS: await import('commerce-foundation')), not require()",
);
