import { z } from 'zod';

/** Digits only: spaces and dashes people type are dropped. */
export function cardDigits(cardNumber: string): string {
  return cardNumber.replace(/[ -]/g, '');
}

export const creditCardSchema = z.object({
  modelName: z.literal('CreditCard'),
  id: z.string().min(1).max(64),
  /** Write-only: responses carry a masked form. */
  creditCardNumber: z
    .string()
    .regex(/^[0-9 -]+$/, 'must be digits, with spaces or dashes between groups if any')
    .refine((value) => /^\d{12,19}$/.test(cardDigits(value)), 'must be 12 to 19 digits')
    .optional(),
  /** The last four digits. */
  creditCardIdentifier: z.string().max(4).optional(),
  expirationMonth: z.number().int().min(1).max(12).optional(),
  expirationYear: z.number().int().min(1900).max(9999).optional(),
  billingAddressId: z.string().max(64).optional(),
  displayName: z.string().max(256).optional(),
});

export type CreditCard = z.infer<typeof creditCardSchema>;
