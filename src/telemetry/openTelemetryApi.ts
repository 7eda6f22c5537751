import type * as OpenTelemetryApi from '@opentelemetry/api';

export type Api = typeof OpenTelemetryApi;

/** `@opentelemetry/api`, or undefined where it is not installed: an optional peer dependency, never required. */
export type ApiImporter = () => Promise<Api>;
const importApi: ApiImporter = () => import('@opentelemetry/api');

let loaded: Promise<Api | undefined> | undefined;

/** `@opentelemetry/api` once per process, or undefined when it cannot be imported. */
export function openTelemetryApi(importer: ApiImporter = importApi): Promise<Api | undefined> {
  if (importer !== importApi) return importer().catch(() => undefined);
  loaded ??= importer().catch(() => undefined);
  return loaded;
}
