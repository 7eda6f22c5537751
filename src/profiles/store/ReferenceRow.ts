import type { KeyValue } from '../definitions/CompiledDefinition.js';

/** A stored reference: `ownerKey` (a profile of `from`) holds `itemKey` in `property`. */
export interface ReferenceRow {
  readonly from: string;
  readonly property: string;
  readonly ownerKey: KeyValue;
  readonly itemKey: KeyValue;
}
