import { ItemAlreadyExistsFault } from '../../faults/ItemAlreadyExistsFault.js';
import { ValidationFault } from '../../faults/ValidationFault.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import { isoText } from '../../util/isoText.js';
import { withArticle } from '../../util/withArticle.js';
import { noEncryptionKeyMessage, type CardNumberCipher } from '../sensitive/CardNumberCipher.js';
import { cardDigits, maskedCardNumber } from '../sensitive/cardNumber.js';
import { entityPropertyOf, mappedProperty, type EntityValues, type ModelMapping, type PropertyMapping } from './ModelMapping.js';
import { flatMap } from '../../util/flatMap.js';

/** One entity property as toEntity answers it: where its value is, and for a card number where its last four digits are. */
interface ReadProperty {
  readonly name: string;
  readonly profile: string;
  /** A card number: the profile property of its last four digits ('' when the mapping keeps none). */
  readonly lastFour?: string;
}

/** What the mapper works out once per mapping (mappings are fixed once the models are loaded). */
interface CompiledMapping {
  /** The properties in the order toEntity reads them. */
  readonly reads: readonly ReadProperty[];
  /** The properties with a default, and their defaults, in the mapping's order (applyValues of a new entity). */
  readonly defaults: readonly (readonly [string, unknown])[];
  readonly defaultNames: ReadonlySet<string>;
  /** toEntity of every property: generated for the mapping, see entityOf (propertiesToReturn picks from it). */
  readonly whole: (record: ProfileRecord) => EntityValues;
}

function compile(mapping: ModelMapping): CompiledMapping {
  const entries = Object.entries(mapping.properties);
  const reads = entries.map(([name, target]) =>
    target.cardNumber ? { name, profile: target.profile, lastFour: mappedProperty(mapping, target.cardNumber.lastFourDigits)?.profile ?? '' } : { name, profile: target.profile },
  );
  const defaults = flatMap(entries, ([name, p]) => (p.default === undefined ? [] : [[name, p.default] as const]));
  return { reads, defaults, defaultNames: new Set(defaults.map(([name]) => name)), whole: entityOf(mapping.modelName, reads) };
}

/**
 * toEntity of every property, generated once per mapping: each property is read and written under its own name
 * written into the function, rather than under a name held in a variable (a keyed access V8 looks up anew for every
 * property of every record: most of what turning a cached profile into an entity cost, and a warm Query turns six).
 * It answers what is set, datetimes as ISO text, card numbers masked.
 *
 * The generated text holds only the mapping's entity and profile property names, each written with JSON.stringify (a
 * string literal whatever it holds), and the model's name the same way: nothing from a request or a record.
 */
function entityOf(modelName: string, reads: readonly ReadProperty[]): (record: ProfileRecord) => EntityValues {
  const at = (name: string) => `[${JSON.stringify(name)}]`;
  const body = reads.map(({ name, profile, lastFour }) => {
    const value = lastFour === undefined ? 'value instanceof Date ? isoText(value) : value' : lastFour ? `masked(String(record${at(lastFour)} ?? ''))` : `masked('')`;
    return `  value = record${at(profile)};\n  if (value !== null && value !== undefined) entity${at(name)} = ${value};`;
  });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the mapping's names alone (see above)
  const factory = new Function('isoText', 'masked', `return function (record) {\n  const entity = { modelName: ${JSON.stringify(modelName)} };\n  let value;\n${body.join('\n')}\n  return entity;\n};`) as (
    iso: typeof isoText,
    masked: typeof maskedCardNumber,
  ) => (record: ProfileRecord) => EntityValues;
  return factory(isoText, maskedCardNumber);
}

/** The one place entities and profiles turn into each other, for every model stored in profiles. */
export class EntityMapper {
  private readonly compiled = new WeakMap<ModelMapping, CompiledMapping>();

  constructor(private readonly cipher: CardNumberCipher | undefined) {}

  get canStoreCardNumbers(): boolean {
    return this.cipher !== undefined;
  }

  /** A profile as an entity: every mapped value that is set, datetimes as ISO text, card numbers masked. */
  toEntity(mapping: ModelMapping, record: ProfileRecord, propertiesToReturn?: readonly string[]): EntityValues {
    const { reads, whole } = this.compiledOf(mapping);
    const every = whole(record);
    if (!propertiesToReturn?.length) return every;
    // The id and the properties asked for, as the whole entity answers them, in the mapping's order.
    const entity: EntityValues = { modelName: mapping.modelName };
    const wanted = new Set(['id', ...propertiesToReturn]);
    for (const { name } of reads) if (wanted.has(name) && Object.hasOwn(every, name)) entity[name] = every[name];
    return entity;
  }

  /** The profile property of an entity property, or undefined. */
  profileProperty(mapping: ModelMapping, property: string): string | undefined {
    return mappedProperty(mapping, property)?.profile;
  }

  /** The entity's primary key value as given in a model (`id`). */
  idOf(values: EntityValues): KeyValue | undefined {
    const id = values['id'];
    return typeof id === 'string' || typeof id === 'number' ? id : undefined;
  }

  /**
   * Writes an entity's values into a profile: every mapped property but the id, the read-only ones and the
   * references (those belong to the relationship processors). A card number is stored encrypted, with its last
   * four digits beside it. `defaults` (a new entity) fills what the values leave out.
   */
  applyValues(mapping: ModelMapping, profile: Profile, values: EntityValues, path: string, defaults = false): void {
    if (!defaults) {
      for (const property of Object.keys(values)) this.applyValue(mapping, profile, property, values[property], path);
      return;
    }
    // As if applying { ...defaults, ...values without its undefined ones }: the defaults' properties first, each with
    // the value given for it if one is, then the rest of the values.
    const { defaults: list, defaultNames: names } = this.compiledOf(mapping);
    for (const [property, value] of list) {
      const given = values[property];
      this.applyValue(mapping, profile, property, given === undefined ? value : given, path);
    }
    for (const property of Object.keys(values)) if (!names.has(property)) this.applyValue(mapping, profile, property, values[property], path);
  }

  private applyValue(mapping: ModelMapping, profile: Profile, property: string, value: unknown, path: string): void {
    const target = mappedProperty(mapping, property);
    if (!target || property === 'id' || target.readOnly || target.relationship || target.references || value === undefined) return;
    if (target.cardNumber && typeof value === 'string') {
      this.applyCardNumber(mapping, profile, target, value, `${path}.${property}`);
      return;
    }
    try {
      profile.set(target.profile, value);
    } catch (error) {
      throw this.inModelWords(mapping, error, path);
    }
  }

  private compiledOf(mapping: ModelMapping): CompiledMapping {
    let compiled = this.compiled.get(mapping);
    if (!compiled) {
      compiled = compile(mapping);
      this.compiled.set(mapping, compiled);
    }
    return compiled;
  }

  /**
   * A Profiles System fault about a profile of `mapping` in the model's words, as a request has them: the entity
   * property (under `path`: `model`, `relatedOperations[0].model`) for the profile property, UserProfile for UserObject.
   */
  inModelWords(mapping: ModelMapping, error: unknown, path: string): unknown {
    if (error instanceof ValidationFault) {
      const errors = error.validationErrors.map((e) => {
        const property = entityPropertyOf(mapping, e.property);
        return property ? { property: `${path}.${property}`, errorMessage: e.errorMessage } : e;
      });
      return new ValidationFault(errors, { cause: error });
    }
    const property = error instanceof ItemAlreadyExistsFault && error.property ? entityPropertyOf(mapping, error.property) : undefined;
    if (!property) return error;
    return new ItemAlreadyExistsFault(`${withArticle(mapping.modelName)} with this ${property} already exists`, { property: `${path}.${property}`, cause: error });
  }

  private applyCardNumber(mapping: ModelMapping, profile: Profile, target: PropertyMapping, cardNumber: string, path: string): void {
    if (!this.cipher) throw ValidationFault.of(path, noEncryptionKeyMessage);
    const digits = cardDigits(cardNumber);
    profile.set(target.profile, this.cipher.encrypt(digits));
    const lastFour = mappedProperty(mapping, target.cardNumber?.lastFourDigits ?? '');
    if (lastFour) profile.set(lastFour.profile, digits.slice(-4));
  }
}
