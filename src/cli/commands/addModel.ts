import { InvalidArgumentError } from 'commander';
import { exitCodes, type CliIO } from '../CliIO.js';
import { schemaPath, writeFiles } from '../writeFiles.js';

const modelName = /^[A-Z][A-Za-z0-9]{0,63}$/;

/** A model name for `commerce add-model`: PascalCase, as handler and file names use it. */
export function newModelName(value: string): string {
  if (!modelName.test(value)) throw new InvalidArgumentError(`${value} is no model name: a capital letter, then letters or digits (WishList).`);
  return value;
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const json = (value: unknown) => JSON.stringify(value, null, 2);

function definitionOf(name: string) {
  return {
    $schema: schemaPath('profile-definition.schema.json', 2),
    name,
    description: `Where ${name} entities are stored. Add properties here, then map them in config/models/${name}.json.`,
    properties: [
      { name: `GeneralInfo.${snake(name)}_id`, type: 'string', keys: ['DUAL'], maxLength: 64 },
      { name: 'GeneralInfo.name', type: 'string', required: true, maxLength: 128, indexed: true },
      { name: 'ProfileSystem.date_created', type: 'datetime' },
      { name: 'ProfileSystem.date_last_changed', type: 'datetime' },
    ],
  };
}

function modelOf(name: string) {
  return {
    $schema: schemaPath('model.schema.json', 2),
    name,
    profile: name,
    description: `The ${name} model: entity properties, each stored in a property of the ${name} profile definition.`,
    properties: {
      id: { profile: `GeneralInfo.${snake(name)}_id` },
      name: { profile: 'GeneralInfo.name', required: true, searchable: true },
      dateCreated: { profile: 'ProfileSystem.date_created', readOnly: true },
      dateModified: { profile: 'ProfileSystem.date_last_changed', readOnly: true },
    },
    relationships: {},
  };
}

const sequenceOf = (operation: string, name: string, components: string[]) => ({
  $schema: schemaPath('sequence.schema.json', 1),
  description: `${operation} ${name}: the generic model components. Add RelatedItemsProcessor and RelatedItemsResponseBuilder for relationships.`,
  transactional: true,
  components: components.map((component) => ({ name: component })),
});

/** The files `commerce add-model <Name>` writes, by path in the root. */
export function modelFiles(name: string): Map<string, string> {
  const writing = ['ModelLoader', 'ModelCommitter', 'ModelResponseBuilder'];
  return new Map([
    [`config/profiles/${name}.json`, json(definitionOf(name))],
    [`config/models/${name}.json`, json(modelOf(name))],
    [`sequences/CommerceCreateOperation_${name}.json`, json(sequenceOf('Create', name, writing))],
    [`sequences/CommerceQueryOperation_${name}.json`, json(sequenceOf('Query', name, ['ModelLoader', 'ModelResponseBuilder']))],
    [`sequences/CommerceUpdateOperation_${name}.json`, json(sequenceOf('Update', name, writing))],
    [`sequences/CommerceDeleteOperation_${name}.json`, json(sequenceOf('Delete', name, writing))],
  ]);
}

/** `commerce add-model <Name>`: a model file, its profile definition and its four sequence files, ready to edit. */
export async function addModelCommand(root: string, name: string, options: { force?: boolean }, io: CliIO): Promise<number> {
  await writeFiles(root, modelFiles(name), options.force === true, io);
  io.out(`\n${name} is ready: commerce migrate creates its table, and requests for it work at once.`);
  io.out(`Edit config/models/${name}.json (properties, constraints, relationships) and config/profiles/${name}.json (where they are stored).`);
  return exitCodes.ok;
}
