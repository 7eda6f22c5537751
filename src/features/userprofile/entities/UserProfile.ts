import { z } from 'zod';
import { addressSchema } from './Address.js';
import { creditCardSchema } from './CreditCard.js';
import { shippingMethodSchema } from './ShippingMethod.js';

/** 0 inactive, 1 active, 2 requires approval. */
export const accountStatusSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const userProfileSchema = z.object({
  modelName: z.literal('UserProfile'),
  id: z.string().min(1).max(64),
  email: z.email().max(64),
  firstName: z.string().max(256).optional(),
  lastName: z.string().max(256).optional(),
  telephone: z.string().max(64).optional(),
  accountStatus: accountStatusSchema.optional(),
  dateCreated: z.string().optional(),
  dateModified: z.string().optional(),
  preferredAddressId: z.string().max(64).optional(),
  preferredCreditCardId: z.string().max(64).optional(),
  organizationId: z.string().max(64).optional(),
  addresses: z.array(addressSchema).optional(),
  creditCards: z.array(creditCardSchema).optional(),
  shippingMethods: z.array(shippingMethodSchema).optional(),
  preferredAddress: addressSchema.optional(),
  preferredCreditCard: creditCardSchema.optional(),
});

export type UserProfile = z.infer<typeof userProfileSchema>;
