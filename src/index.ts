import 'reflect-metadata';

export { createCommerceFoundation, checkConfiguration, type MigrationReport } from './foundation/createCommerceFoundation.js';
export { CommerceFoundation } from './foundation/CommerceFoundation.js';
export type { CommerceFoundationOptions } from './foundation/foundationOptionsSchema.js';

export { CommerceOperation, type OperationName } from './requests/CommerceOperation.js';
export { CommerceQuery } from './requests/CommerceQuery.js';
export { CommerceCreate } from './requests/CommerceCreate.js';
export { CommerceUpdate } from './requests/CommerceUpdate.js';
export { CommerceDelete } from './requests/CommerceDelete.js';
export { CommerceRelatedOperation, type RelatedOperationName } from './requests/related/CommerceRelatedOperation.js';
export { CommerceQueryRelatedItem } from './requests/related/CommerceQueryRelatedItem.js';
export { CommerceCreateRelatedItem } from './requests/related/CommerceCreateRelatedItem.js';
export { CommerceUpdateRelatedItem } from './requests/related/CommerceUpdateRelatedItem.js';
export { CommerceDeleteRelatedItem } from './requests/related/CommerceDeleteRelatedItem.js';
export { CommerceRequest } from './requests/CommerceRequest.js';
export type { CommerceModelSearch, SortDirection, SortProperty } from './requests/CommerceModelSearch.js';
export { requestContextSchema, type RequestContext } from './requests/RequestContext.js';
export { requestJsonSchema } from './requests/requestJsonSchema.js';
export { maxRequestDepth } from './requests/inputErrors.js';

export type { CommerceEntity } from './entities/CommerceEntity.js';
export { userProfileSchema, accountStatusSchema, type UserProfile } from './entities/UserProfile.js';
export { addressSchema, type Address } from './entities/Address.js';
export { creditCardSchema, type CreditCard } from './entities/CreditCard.js';
export { shippingMethodSchema, type ShippingMethod } from './entities/ShippingMethod.js';

export type { CommerceResponse, OperationResponseOf, OperationResponsesOf } from './responses/CommerceResponse.js';
export type {
  CommerceOperationResponse,
  CommerceQueryOperationResponse,
  CommerceCreateOperationResponse,
  CommerceUpdateOperationResponse,
  CommerceDeleteOperationResponse,
} from './responses/OperationResponses.js';
export type { TraceEntry } from './responses/TraceEntry.js';

export { CommerceFault } from './faults/CommerceFault.js';
export { ValidationFault, type ValidationError } from './faults/ValidationFault.js';
export { ItemDoesNotExistFault } from './faults/ItemDoesNotExistFault.js';
export { ItemAlreadyExistsFault } from './faults/ItemAlreadyExistsFault.js';
export { SequenceNotFoundFault } from './faults/SequenceNotFoundFault.js';
export { ComponentFault } from './faults/ComponentFault.js';
export { FoundationClosedFault } from './faults/FoundationClosedFault.js';
export { ConfigurationError, type ConfigurationProblem } from './errors/ConfigurationError.js';
export { DatabaseError } from './errors/DatabaseError.js';

export type { OperationContext } from './pipeline/OperationContext.js';
export type { SequenceComponent, SequenceComponentClass, SequenceComponentRegistration } from './sequences/SequenceComponent.js';
export { sequenceFileSchema, type SequenceFile } from './sequences/sequenceFileSchema.js';
export { handlerNameOf } from './sequences/handlerName.js';
export type { ResolvedSequence, SequenceStep } from './sequences/ResolvedSequence.js';
export type { ModelDefinition, RelationshipDefinition } from './models/ModelDefinition.js';

export { commerceConfigSchema, type CommerceConfig } from './config/commerceConfigSchema.js';
export { databaseConfigSchema, type DatabaseConfig } from './config/databaseConfigSchema.js';
export type { Logger } from './logging/Logger.js';
export { KnexToken, CommerceConfigToken, FoundationRootToken, LoggerToken, componentIdentifier } from './container/tokens.js';
export { ProfilesSystemToken, ProfileContextToken, ProfileManagementToken } from './container/tokens.js';

export { ProfilesSystem } from './profiles/ProfilesSystem.js';
export { ProfileContext } from './profiles/runtime/ProfileContext.js';
export { ProfileManagementContext } from './profiles/runtime/ProfileManagementContext.js';
export { Profile } from './profiles/runtime/Profile.js';
export type { ReadOptions } from './profiles/runtime/ProfileReads.js';
export type { DeleteOptions } from './profiles/runtime/ProfileWrites.js';
export type { WrittenProfiles } from './profiles/runtime/ProfileWriteLog.js';
export type { ReferenceRow } from './profiles/store/ReferenceRow.js';
export type { KeyValue, ProfileValue, CompiledDefinition, CompiledProperty } from './profiles/definitions/CompiledDefinition.js';
export { profileDefinitionSchema, type ProfileDefinition, type KeyKind, type PropertyType } from './profiles/definitions/profileDefinitionSchema.js';
export type { CacheBus, CacheMessage } from './profiles/farm/CacheBus.js';

export { CardNumberCipher, parseEncryptionKey, maskedCardNumber } from './userprofile/cards/CardNumberCipher.js';
export { EntityMapper } from './userprofile/mapping/EntityMapper.js';
export type { ModelMapping, PropertyMapping, RelationshipMapping } from './userprofile/mapping/ModelMapping.js';
export { userProfileMapping, addressMapping, creditCardMapping, shippingMethodMapping, userProfileRelationshipSpecs } from './userprofile/mapping/userProfileMappings.js';
export { ModelMappings } from './userprofile/mapping/ModelMappings.js';
export { EntityMapperToken, CardNumberCipherToken } from './userprofile/components/tokens.js';
export { UserProfileLoader } from './userprofile/components/UserProfileLoader.js';
export { UserProfileAddressesProcessor } from './userprofile/components/UserProfileAddressesProcessor.js';
export { UserProfileCreditCardsProcessor } from './userprofile/components/UserProfileCreditCardsProcessor.js';
export { UserProfileShippingMethodsProcessor } from './userprofile/components/UserProfileShippingMethodsProcessor.js';
export { UserProfileCommitter } from './userprofile/components/UserProfileCommitter.js';
export { UserProfileResponseBuilder } from './userprofile/components/UserProfileResponseBuilder.js';
export { UserProfileAddressResponseBuilder } from './userprofile/components/UserProfileAddressResponseBuilder.js';
export { UserProfileCreditCardsResponseBuilder } from './userprofile/components/UserProfileCreditCardsResponseBuilder.js';
export { UserProfileShippingMethodsResponseBuilder } from './userprofile/components/UserProfileShippingMethodsResponseBuilder.js';
export { UserProfileWork } from './userprofile/work/UserProfileWork.js';
export { RedisCacheBus, defaultFarmChannel } from './profiles/farm/RedisCacheBus.js';
