import { z } from 'zod';
import { cardNumberSchema } from '../../../api.js';

export const creditCardSchema = z.object({
  modelName: z.literal('CreditCard'),
  id: z.string().min(1).max(64),
  /** Write-only: responses carry a masked form. */
  creditCardNumber: cardNumberSchema.optional(),
  /** The last four digits. */
  creditCardIdentifier: z.string().max(4).optional(),
  expirationMonth: z.number().int().min(1).max(12).optional(),
  expirationYear: z.number().int().min(1900).max(9999).optional(),
  billingAddressId: z.string().max(64).optional(),
  displayName: z.string().max(256).optional(),
});

export type CreditCard = z.infer<typeof creditCardSchema>;
