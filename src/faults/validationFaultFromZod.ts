import type { z } from 'zod';
import { zodIssues } from '../util/zodIssues.js';
import { ValidationFault, type ValidationError } from './ValidationFault.js';

export function validationErrorsFromZod(error: z.ZodError, prefix = '', owner = ''): ValidationError[] {
  return zodIssues(error, prefix, owner).map(({ path, message }) => ({ property: path, errorMessage: message }));
}

export function validationFaultFromZod(error: z.ZodError, prefix = ''): ValidationFault {
  return new ValidationFault(validationErrorsFromZod(error, prefix));
}
