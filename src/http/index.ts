// The one HTTP client of the toolkit: transport (timeouts, body caps, faults as data), the token
// client, curl reproduction commands and the redactor that keeps secrets out of every output.
export { type CurlRequest, curlCommand, shellQuote } from './curl.js';
export {
  type AuthMode,
  displayUrl,
  type FaultKind,
  INVALID_TOKEN,
  type RequestSpec,
  type RoundTrip,
  type TransportFault,
} from './exchange.js';
export { generateToken, obtainToken, type TokenConnection, TokenError, type TokenRequest } from './token-client.js';
export { adaptorFault, Transport, type TransportOptions } from './transport.js';
export type { WireExchange, WireRequest } from './wire.js';
