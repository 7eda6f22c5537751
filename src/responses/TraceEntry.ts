/** One component run: how long it took and how many SQL statements it sent. */
export interface TraceEntry {
  operationIndex: number;
  handler: string;
  component: string;
  /** Who put the step in the sequence: `package (module userprofile)`, `module loyalty`, `patch sequences/….patch.json`, … */
  origin: string;
  durationMs: number;
  sqlStatements: number;
}
