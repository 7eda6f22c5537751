import 'reflect-metadata';

// The core's public surface: what features (src/features) and plugins build on. src/index.ts adds the shipped modules.

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
export type { FilterCondition, FilterOperator, FilterValue, SearchFilter } from './requests/SearchFilter.js';
export { filterOperators, maxFilterDepth, searchFilterSchema } from './requests/SearchFilter.js';
export { requestContextSchema, type RequestContext } from './requests/RequestContext.js';
export { requestJsonSchema, operationJsonSchema, relatedOperationJsonSchema } from './requests/requestJsonSchema.js';
export { maxRequestDepth } from './requests/inputErrors.js';

export type { CommerceEntity, WritableValues } from './requests/CommerceEntity.js';
export type { MigrationReport } from './profiles/schema/migrateProfileTables.js';

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
export { faultNames, isFaultName, type FaultName } from './faults/FaultName.js';
export { ValidationFault, type ValidationError } from './faults/ValidationFault.js';
export { ItemDoesNotExistFault } from './faults/ItemDoesNotExistFault.js';
export { ItemAlreadyExistsFault } from './faults/ItemAlreadyExistsFault.js';
export { SequenceNotFoundFault } from './faults/SequenceNotFoundFault.js';
export { ComponentFault } from './faults/ComponentFault.js';
export { FoundationClosedFault } from './faults/FoundationClosedFault.js';
export { AuthorizationFault } from './faults/AuthorizationFault.js';
export { authorizationConfigSchema, authorizationRuleSchema, type AuthorizationConfig, type AuthorizationRule } from './authorization/authorizationConfigSchema.js';
export type { AuthorizationDecision, AuthorizationResponse, OperationAuthorization } from './authorization/AuthorizationDecision.js';
export { TransactionTimeoutFault } from './faults/TransactionTimeoutFault.js';
export { ConfigurationError, type ConfigurationProblem } from './errors/ConfigurationError.js';
export { DatabaseError } from './errors/DatabaseError.js';

export type { OperationContext } from './sequences/OperationContext.js';
export { defineSlot, EmptySlotError, type OperationSlot } from './sequences/OperationSlot.js';
export type { SequenceComponent, SequenceComponentClass, SequenceComponentRegistration } from './sequences/SequenceComponent.js';
export { sequenceFileSchema, type SequenceFile } from './sequences/sequenceFileSchema.js';
export { handlerNameOf } from './sequences/handlerName.js';
export type { ResolvedSequence, SequenceStep } from './sequences/ResolvedSequence.js';
export type { ModelDefinition, RelationshipDefinition } from './models/ModelDefinition.js';

export { commerceConfigSchema, type CommerceConfig } from './config/commerceConfigSchema.js';
export { databaseConfigSchema, type DatabaseConfig } from './config/databaseConfigSchema.js';
export type { Logger, LogFields, LogMethod } from './logging/Logger.js';
export { logLevels, type LogLevel } from './logging/defaultLogger.js';
export { runWithTraceContext, type IncomingHeaders } from './telemetry/runWithTraceContext.js';
export { serverConfigSchema, type ServerConfig, type JwtConfig } from './config/serverConfigSchema.js';
export { KnexToken, CommerceConfigToken, FoundationRootToken, LoggerToken, ModelsToken, EntityMapperToken, CardNumberCipherToken, componentIdentifier } from './container/tokens.js';
export { ProfilesSystemToken, ProfileContextToken, ProfileManagementToken } from './container/tokens.js';

export { ProfilesSystem } from './profiles/ProfilesSystem.js';
export { ProfileContext } from './profiles/runtime/ProfileContext.js';
export { ProfileManagementContext } from './profiles/runtime/ProfileManagementContext.js';
export type { ProfileSearchOptions, ProfileSearchResult } from './profiles/search/ProfileSearch.js';
export type { SearchReadOptions } from './profiles/runtime/ProfileSearches.js';
export { Profile } from './profiles/runtime/Profile.js';
export type { ReadOptions } from './profiles/runtime/ProfileReads.js';
export type { DeleteOptions, QueueOptions, SaveOptions } from './profiles/runtime/ProfileWrites.js';
export type { WrittenProfiles } from './profiles/runtime/ProfileWriteLog.js';
export type { ReferenceRow } from './profiles/store/ReferenceRow.js';
export type { KeyValue, ProfileValue, CompiledDefinition, CompiledProperty } from './profiles/definitions/CompiledDefinition.js';
export { profileDefinitionSchema, type ProfileDefinition, type KeyKind, type PropertyType } from './profiles/definitions/profileDefinitionSchema.js';
export type { CacheBus, CacheMessage } from './profiles/farm/CacheBus.js';

export { RedisCacheBus, defaultFarmChannel } from './profiles/farm/RedisCacheBus.js';

export { defineCommerceModule, type CommerceModule } from './modules/defineCommerceModule.js';
export { packageFolder } from './config/packageFolder.js';
export type { ProfileDefinitionInput } from './profiles/definitions/profileDefinitionSchema.js';
export type { SequenceFileInput } from './sequences/sequenceFileSchema.js';
export { sequencePatchFileSchema, type SequencePatch, type SequencePatchInput, type ModulePatchInput, type StepAnchor } from './sequences/sequencePatchSchema.js';
export type { SequencePatchFunction, SequencePatchTarget } from './sequences/patchSequences.js';
export type { StepOrigin, PlacedEntry } from './sequences/StepOrigin.js';
export type { StepUnderCheck } from './sequences/SequenceComponent.js';
export { UnusedProfiles, type UnusedProfile, type ProfileRef } from './profiles/runtime/unused/UnusedProfiles.js';
export type { ProfileRecord } from './profiles/store/ProfileRecord.js';

export { modelFileSchema, type ModelFile, type ModelFileInput } from './models/files/modelFileSchema.js';
export type { ModelMapping, PropertyMapping, RelationshipMapping, EntityValues } from './models/mapping/ModelMapping.js';
export { EntityMapper } from './models/mapping/EntityMapper.js';
export { Models } from './models/Models.js';
export { ModelSlots, type RecordsByType } from './models/components/ModelSlots.js';
export { ModelLoader } from './models/components/ModelLoader.js';
export { RelatedItemsProcessor } from './models/components/RelatedItemsProcessor.js';
export { ModelCommitter } from './models/components/ModelCommitter.js';
export { ModelResponseBuilder } from './models/components/ModelResponseBuilder.js';
export { RelatedItemsResponseBuilder } from './models/components/RelatedItemsResponseBuilder.js';
export { relatedItemsConfigurationSchema, type RelatedItemsConfiguration } from './models/components/relatedItemsConfiguration.js';
export { CardNumberCipher, parseEncryptionKey } from './models/sensitive/CardNumberCipher.js';
export { cardDigits, cardNumberSchema, maskedCardNumber } from './models/sensitive/cardNumber.js';
export type { ConfigurationInspection } from './foundation/startFoundation.js';
export { databaseChoiceOf } from './foundation/databaseChoiceOf.js';
export { databaseLabel } from './storage/databaseLabel.js';
export type { DatabaseChoice } from './storage/resolveDatabaseConfig.js';
export type { SequenceSource, SequenceOrigin } from './sequences/readSequenceFiles.js';
export { closestNames, didYouMean } from './util/closestNames.js';
export { jsonSyntaxError } from './util/jsonSyntaxError.js';
