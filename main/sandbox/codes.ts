// Reply codes, as OceanEx's REST API (same backend) uses them. 0 = success.

export const OK = 0;
export const BAD_REQUEST = 1001;
export const ARGUMENT_MISSING = 1004;
/** Login: nonce stale (more than 5 minutes away) or not increasing for this API key. */
export const INVALID_NONCE = 1006;
export const INVALID_SIGNATURE = 1008;
/** Login: API key unknown, or it does not belong to the given uid. */
export const API_KEY_NOT_FOUND = 1010;
/** Login: header malformed (verb/path not GET /ws/v1, missing fields). */
export const AUTHENTICATION_FAILED = 2001;
/** Order refused: cannot lock funds, no liquidity for a market order. */
export const INVALID_ORDER = 2002;
export const ORDER_NOT_FOUND = 2004;
