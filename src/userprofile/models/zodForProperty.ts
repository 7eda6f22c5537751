import { z } from 'zod';
import type { CompiledProperty } from '../../profiles/definitions/CompiledDefinition.js';

/** How a request writes a value of a profile property: datetimes as ISO 8601 text, as entities carry them. */
export function zodForProperty(property: CompiledProperty | undefined): z.ZodType {
  switch (property?.type) {
    case 'string':
      return z.string().max(property.maxLength ?? 255);
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'datetime':
      return z.iso.datetime();
    default:
      return z.never();
  }
}
