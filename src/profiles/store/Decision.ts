import type { CompiledDefinition, KeyValue } from '../definitions/CompiledDefinition.js';
import type { ReferenceRow } from './ReferenceRow.js';
import type { Exclusions } from './sql/referenceSelects.js';

/** Profiles of one definition to lock for a decision. */
export interface DecisionRequest {
  readonly target: CompiledDefinition;
  readonly keys: readonly KeyValue[];
  readonly excluded: Exclusions;
}

/** Profiles locked for a decision: each that exists, whether anything else uses it; and what each references. */
export interface Decision {
  readonly used: Map<KeyValue, boolean>;
  readonly outgoing: ReferenceRow[];
}
