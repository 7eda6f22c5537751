/** One component run: how long it took and how many SQL statements it sent. */
export interface TraceEntry {
  operationIndex: number;
  handler: string;
  component: string;
  durationMs: number;
  sqlStatements: number;
}
