export { userProfileModule } from './userProfileModule.js';
export * from './components/UserProfileComponents.js';
export { userProfileSchema, accountStatusSchema, type UserProfile } from './entities/UserProfile.js';
export { addressSchema, type Address } from './entities/Address.js';
export { creditCardSchema, type CreditCard } from './entities/CreditCard.js';
export { shippingMethodSchema, type ShippingMethod } from './entities/ShippingMethod.js';
