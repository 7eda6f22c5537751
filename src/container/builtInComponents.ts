import type { SequenceComponentRegistration } from '../sequences/SequenceComponent.js';
import { userProfileComponents } from '../userprofile/components/userProfileComponents.js';

/** The components the package ships, by the names its sequence files use. */
export const builtInComponents: ReadonlyMap<string, SequenceComponentRegistration> = new Map([...userProfileComponents]);
