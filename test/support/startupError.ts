import { ConfigurationError, createCommerceFoundation } from '../../src/index.js';

/** The ConfigurationError start-up fails with for these options (a foundation that starts instead is closed, and the test fails). */
export async function startupError(options: Parameters<typeof createCommerceFoundation>[0]): Promise<ConfigurationError> {
  const error = await createCommerceFoundation(options).then(
    async (f) => {
      await f.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}
