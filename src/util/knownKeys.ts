import type { z } from 'zod';
import { flatMap } from './flatMap.js';

/** The object schemas a value at `path` can be checked by: every branch of a union, through wrappers. */
function objectsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodObject[] {
  const typed = schema as z.core.$ZodTypes;
  const [head, ...rest] = path;
  switch (typed._zod.def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return objectsAt((typed as z.core.$ZodOptional)._zod.def.innerType, path);
    case 'pipe':
      return objectsAt((typed as z.core.$ZodPipe)._zod.def.in, path);
    case 'lazy':
      return objectsAt((typed as z.core.$ZodLazy)._zod.def.getter(), path);
    case 'union':
      return flatMap((typed as z.core.$ZodUnion)._zod.def.options, (option) => objectsAt(option, path));
    case 'intersection': {
      const { left, right } = (typed as z.core.$ZodIntersection)._zod.def;
      return [...objectsAt(left, path), ...objectsAt(right, path)];
    }
    case 'array':
      return typeof head === 'number' ? objectsAt((typed as z.core.$ZodArray)._zod.def.element, rest) : [];
    case 'record':
      return head === undefined ? [] : objectsAt((typed as z.core.$ZodRecord)._zod.def.valueType, rest);
    case 'object': {
      const object = typed as z.core.$ZodObject;
      if (head === undefined) return [object];
      const child = object._zod.def.shape[String(head)];
      return child ? objectsAt(child, rest) : [];
    }
    default:
      return [];
  }
}

/** The property names the schema knows for the object at `path`, for "did you mean" on an unknown one. */
export function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(flatMap(objectsAt(schema, path), (object) => Object.keys(object._zod.def.shape)))];
}
