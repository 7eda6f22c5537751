import { z } from 'zod';

const text = z.string().max(256);

export const addressSchema = z.object({
  modelName: z.literal('Address'),
  id: z.string().min(1).max(64),
  addressName: text.optional(),
  line1: text.optional(),
  line2: text.optional(),
  city: text.optional(),
  stateProvinceCode: z.string().max(64).optional(),
  zipPostalCode: z.string().max(32).optional(),
  countryRegionCode: z.string().max(64).optional(),
  firstName: text.optional(),
  lastName: text.optional(),
  telephone: z.string().max(64).optional(),
});

export type Address = z.infer<typeof addressSchema>;
