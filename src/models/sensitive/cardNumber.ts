import { z } from 'zod';

/** Digits only: the spaces and dashes people type are dropped. */
export function cardDigits(cardNumber: string): string {
  return cardNumber.replace(/[ -]/g, '');
}

/** A card number as a request may give it: 12 to 19 digits, grouped by spaces or dashes if at all. */
export const cardNumberSchema = z
  .string()
  .regex(/^[0-9 -]+$/, 'must be digits, with spaces or dashes between groups if any')
  .refine((value) => /^\d{12,19}$/.test(cardDigits(value)), 'must be 12 to 19 digits');

/** What responses carry instead of a card number: its last four digits, the rest masked. */
export function maskedCardNumber(lastFour: string): string {
  return `************${lastFour}`;
}
