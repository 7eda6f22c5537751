import { defineCommerceModule, packageFolder } from '../../api.js';

/**
 * The Organization feature, built from data alone: its profile definition, its model and its four sequences are
 * files in the package's modules/organization folder, run by the generic model components. No code of its own.
 */
export const organizationModule = defineCommerceModule({
  name: 'organization',
  folder: packageFolder(import.meta.url, 'modules/organization'),
});
