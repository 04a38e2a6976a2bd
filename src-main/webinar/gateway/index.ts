import { isObject } from './answers';
import { currentClient } from './current';
import { createGatewayHttp, type GatewayHttp } from './http';
import { legacyClient } from './legacy';
import type { GatewayClient, GatewayConfig, GatewayGeneration } from './types';

export { GatewayError } from './http';
export { withoutQuotes } from './legacy';
export type * from './types';

/**
 * Which API a gateway speaks (bbb.md §4.3): the current one answers `GET /gateway/status` with
 * its JSON envelope (422 without a gw_id); the legacy one answers `GET /start` without a room
 * with 400 `{"Error": "a room name must be specified"}`. Anything else is not a SIPMediaGW.
 */
export async function detectGeneration(
  http: GatewayHttp,
  signal?: AbortSignal,
): Promise<GatewayGeneration> {
  const current = await http.call('GET', '/gateway/status', 'detect the API', { signal });
  if (current.isJson && isObject(current.json) && typeof current.json.status === 'string')
    return 'current';
  const legacy = await http.call('GET', '/start', 'detect the API', { signal });
  if (legacy.status === 401)
    throw http.fail({ failure: 'auth', action: 'detect the API', status: 401 });
  if (legacy.isJson && isObject(legacy.json) && typeof legacy.json.Error === 'string')
    return 'legacy';
  throw http.fail({ failure: 'garbled', action: 'detect the API', status: legacy.status });
}

/** A client for one gateway, its API generation given or detected by probing once. */
export async function openGateway(
  config: GatewayConfig,
  signal?: AbortSignal,
): Promise<GatewayClient> {
  const http = createGatewayHttp(config);
  try {
    const generation = config.api === 'auto' ? await detectGeneration(http, signal) : config.api;
    return generation === 'legacy' ? legacyClient(http) : currentClient(http);
  } catch (error) {
    await http.close();
    throw error;
  }
}
