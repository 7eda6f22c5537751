import { z } from 'zod';

export const shippingMethodSchema = z.object({
  modelName: z.literal('ShippingMethod'),
  id: z.string().min(1).max(64),
  name: z.string().max(256).optional(),
  description: z.string().max(1024).optional(),
});

export type ShippingMethod = z.infer<typeof shippingMethodSchema>;
