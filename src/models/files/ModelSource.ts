import type { ModelFile } from './modelFileSchema.js';

/** A model file as read: from the app's config/models, or from a module. */
export interface ModelSource {
  /** Where it came from, for messages: a file path, or `module <name>: models[<i>]`. */
  readonly file: string;
  /** The module that shipped it; absent for the app's own files. */
  readonly module?: string;
  /** The name from the file name, for files that give none. */
  readonly fallbackName?: string;
  readonly model: ModelFile;
}

export function modelNameOf(source: ModelSource): string {
  return source.model.name ?? source.fallbackName ?? '';
}
