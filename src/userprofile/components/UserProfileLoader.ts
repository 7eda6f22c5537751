import { randomUUID } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import type { OperationContext } from '../../pipeline/OperationContext.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import type { EntityValues } from '../mapping/ModelMapping.js';
import { UserProfileWork } from '../work/UserProfileWork.js';
import { EntityMapperToken } from './tokens.js';

type Parts = { searchCriteria: CommerceModelSearch<EntityValues>; model: EntityValues };

/**
 * Loads the user the operation is about and leaves it in the operation cache for the later components: found by
 * its id or email (locked, for an Update or a Delete), or made new from the model, for a Create.
 */
@injectable()
export class UserProfileLoader implements SequenceComponent {
  constructor(@inject(EntityMapperToken) private readonly mapper: EntityMapper) {}

  async execute(context: OperationContext): Promise<void> {
    const work = UserProfileWork.of(context);
    const { operation } = context;
    const { searchCriteria, model } = operation as unknown as Parts;
    switch (operation.operation) {
      case 'CommerceCreate':
        work.users = [this.newUser(context, model)];
        return;
      case 'CommerceQuery':
        work.users = await this.find(context, searchCriteria, false, this.includedRelationships(context));
        return;
      case 'CommerceDelete':
        // The items the response asks for come with the user (one statement for every type), before any goes.
        work.users = await this.find(context, searchCriteria, true, this.includedRelationships(context));
        return;
      case 'CommerceUpdate': {
        work.users = await this.find(context, searchCriteria, true);
        if (work.users.length === 0) throw new ItemDoesNotExistFault(`No UserProfile has the ${given(searchCriteria.model).join(' and ')} given`);
        for (const user of work.users) this.mapper.applyValues(this.mapper.mappings.userProfile, user, model, 'model');
      }
    }
  }

  private async find(context: OperationContext, search: CommerceModelSearch<EntityValues>, lock: boolean, include: string[] = []): Promise<Profile[]> {
    const [property, value] = Object.entries(search.model).find(([key, given]) => key !== 'modelName' && given !== undefined) ?? [];
    const keyName = property && this.mapper.profileProperty(this.mapper.mappings.userProfile, property);
    if (!keyName) return [];
    const options = lock ? { lock: 'update' as const, include } : { include };
    const user = await context.profiles.getProfile(keyName, value as KeyValue, this.mapper.mappings.userProfile.profileType, options);
    return user ? [user] : [];
  }

  /** The profile properties of the relationships related queries ask for: read with the user, in one statement. */
  private includedRelationships(context: OperationContext): string[] {
    const properties = context.operation.relatedOperations
      .filter((related) => related.operation === 'CommerceQueryRelatedItem')
      .map((related) => this.mapper.mappings.relationship(related.relationshipName)?.profileProperty)
      .filter((property): property is string => property !== undefined);
    return [...new Set(properties)];
  }

  private newUser(context: OperationContext, model: EntityValues): Profile {
    const user = context.profiles.newProfile(this.mapper.idOf(model) ?? randomUUID(), this.mapper.mappings.userProfile.profileType);
    this.mapper.applyValues(this.mapper.mappings.userProfile, user, model, 'model');
    if (model['accountStatus'] === undefined) user.set('AccountInfo.account_status', 1);
    return user;
  }
}

/** The properties a search gives: the message names them, never their values. */
function given(model: EntityValues): string[] {
  return Object.keys(model).filter((key) => key !== 'modelName' && model[key] !== undefined);
}
