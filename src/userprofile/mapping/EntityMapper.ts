import { ItemAlreadyExistsFault } from '../../faults/ItemAlreadyExistsFault.js';
import { ValidationFault } from '../../faults/ValidationFault.js';
import type { KeyValue, ProfileValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import { cardDigits } from '../../entities/CreditCard.js';
import { maskedCardNumber, noEncryptionKeyMessage, type CardNumberCipher } from '../cards/CardNumberCipher.js';
import { mappedProperty, type EntityValues, type ModelMapping } from './ModelMapping.js';
import { ModelMappings } from './ModelMappings.js';
import { withArticle } from '../../util/withArticle.js';

const cardNumberProperty = 'GeneralInfo.cc_number';
const lastFourProperty = 'GeneralInfo.last_4_digits';

function entityValue(value: ProfileValue): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The one place entities and profiles turn into each other. */
export class EntityMapper {
  constructor(
    private readonly cipher: CardNumberCipher | undefined,
    /** The effective model mappings, built-in and added by the app. */
    readonly mappings: ModelMappings = new ModelMappings(),
  ) {}

  get canStoreCardNumbers(): boolean {
    return this.cipher !== undefined;
  }

  /** A profile as an entity: every mapped value that is set, datetimes as ISO text, card numbers masked. */
  toEntity(mapping: ModelMapping, record: ProfileRecord, propertiesToReturn?: readonly string[]): EntityValues {
    const entity: EntityValues = { modelName: mapping.modelName };
    const wanted = propertiesToReturn?.length ? new Set(['id', ...propertiesToReturn]) : undefined;
    for (const [property, { profile }] of Object.entries(mapping.properties)) {
      if (wanted && !wanted.has(property)) continue;
      const value = record[profile];
      if (value === null || value === undefined) continue;
      entity[property] = profile === cardNumberProperty ? maskedCardNumber(String(record[lastFourProperty] ?? '')) : entityValue(value);
    }
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
   * four digits beside it.
   */
  applyValues(mapping: ModelMapping, profile: Profile, values: EntityValues, path: string): void {
    for (const [property, value] of Object.entries(values)) {
      const target = mappedProperty(mapping, property);
      if (!target || property === 'id' || target.readOnly || target.reference || value === undefined) continue;
      if (target.profile === cardNumberProperty && typeof value === 'string') {
        this.applyCardNumber(profile, value, `${path}.${property}`);
        continue;
      }
      try {
        profile.set(target.profile, value);
      } catch (error) {
        throw this.inModelWords(mapping, error, path);
      }
    }
  }

  /**
   * A Profiles System fault about a profile of `mapping` in the model's words, as a request has them: the entity
   * property (under `path`: `model`, `relatedOperations[0].model`) for the profile property, UserProfile for UserObject.
   */
  inModelWords(mapping: ModelMapping, error: unknown, path: string): unknown {
    const named = (profileProperty: string) => Object.entries(mapping.properties).find(([, target]) => target.profile === profileProperty)?.[0];
    if (error instanceof ValidationFault) {
      const errors = error.validationErrors.map((e) => {
        const property = named(e.property);
        return property ? { property: `${path}.${property}`, errorMessage: e.errorMessage } : e;
      });
      return new ValidationFault(errors, { cause: error });
    }
    const property = error instanceof ItemAlreadyExistsFault && error.property ? named(error.property) : undefined;
    if (!property) return error;
    return new ItemAlreadyExistsFault(`${withArticle(mapping.modelName)} with this ${property} already exists`, { property: `${path}.${property}`, cause: error });
  }

  private applyCardNumber(profile: Profile, cardNumber: string, path: string): void {
    if (!this.cipher) {
      throw ValidationFault.of(path, noEncryptionKeyMessage);
    }
    const digits = cardDigits(cardNumber);
    profile.set(cardNumberProperty, this.cipher.encrypt(digits));
    profile.set(lastFourProperty, digits.slice(-4));
  }
}
