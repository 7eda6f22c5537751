import type { SequenceComponentRegistration } from '../../sequences/SequenceComponent.js';
import { ModelCommitter } from './ModelCommitter.js';
import { ModelLoader } from './ModelLoader.js';
import { ModelResponseBuilder } from './ModelResponseBuilder.js';
import { RelatedItemsProcessor } from './RelatedItemsProcessor.js';
import { RelatedItemsResponseBuilder } from './RelatedItemsResponseBuilder.js';

/** The generic components every model stored in profiles runs on, by the names sequence files use. */
export const modelComponents: ReadonlyMap<string, SequenceComponentRegistration> = new Map<string, SequenceComponentRegistration>([
  ['ModelLoader', ModelLoader],
  ['RelatedItemsProcessor', RelatedItemsProcessor],
  ['ModelCommitter', ModelCommitter],
  ['ModelResponseBuilder', ModelResponseBuilder],
  ['RelatedItemsResponseBuilder', RelatedItemsResponseBuilder],
]);
