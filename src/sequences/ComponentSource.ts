import type { z } from 'zod';
import type { SequenceComponent } from './SequenceComponent.js';

/** Where sequence resolution finds components by the names sequence files use (the container's catalog). */
export interface ComponentSource {
  names(): string[];
  has(name: string): boolean;
  /** The one instance of a component; throws where it cannot be built. */
  resolve(name: string): SequenceComponent;
  configurationSchema(component: SequenceComponent): z.ZodType | undefined;
}
