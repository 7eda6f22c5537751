// commerce-foundation is an ES module: use import (from CommonJS: await import('commerce-foundation')), not require().
// This file exports nothing, so that a CommonJS TypeScript project fails at type check rather than at run time.
export {};
