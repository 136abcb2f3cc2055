// Failures of the updater in words a person can act on. electron-updater and Chromium's network stack report
// codes (ERR_CHECKSUM_MISMATCH, net::ERR_INTERNET_DISCONNECTED, ENOTFOUND…); each kind gets one clear sentence.

export type UpdateFailureKind = 'offline' | 'signature' | 'checksum' | 'feed' | 'other';

export interface UpdateFailure {
  readonly kind: UpdateFailureKind;
  readonly message: string;
}

const OFFLINE =
  /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|NETWORK_CHANGED|CONNECTION_(REFUSED|RESET|CLOSED|TIMED_OUT|FAILED)|ADDRESS_UNREACHABLE|PROXY_CONNECTION_FAILED|TIMED_OUT)|\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up)\b/;
const SIGNATURE = /ERR_UPDATER_INVALID_SIGNATURE|not signed by the application owner|code signature|did not pass validation|SecStaticCode|designated requirement/i;
const CHECKSUM = /ERR_CHECKSUM_MISMATCH|sha512 checksum mismatch|checksum mismatch/i;
const FEED = /ERR_UPDATER_(NO_PUBLISHED_VERSIONS|LATEST_VERSION_NOT_FOUND|CHANNEL_FILE_NOT_FOUND|INVALID_RELEASE_FEED|INVALID_UPDATE_INFO|INVALID_VERSION|NO_CHECKSUM|NO_FILES_PROVIDED|ASSET_NOT_FOUND)|FeedError/;

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name} ${(error as { code?: unknown }).code ?? ''} ${error.message}`;
  return String(error);
}

/** Classifies an updater failure; `during` is what was being done ("checking for updates", "downloading 0.2.0"). */
export function explainUpdateFailure(error: unknown, during: string): UpdateFailure {
  const text = describe(error);
  if (CHECKSUM.test(text)) {
    return { kind: 'checksum', message: `The downloaded update did not match its published sha512 checksum, so it was deleted and not installed. Try again later.` };
  }
  if (SIGNATURE.test(text)) {
    return { kind: 'signature', message: `The downloaded update is not signed by the app's publisher, so it was refused and not installed.` };
  }
  if (OFFLINE.test(text)) {
    return { kind: 'offline', message: `No network: the release feed could not be reached while ${during}. The app will try again later.` };
  }
  if (error instanceof Error && error.name === 'FeedError') return { kind: 'feed', message: error.message };
  if (FEED.test(text)) {
    return { kind: 'feed', message: `The release feed could not be used while ${during} (no valid published release was found).` };
  }
  const detail = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  return { kind: 'other', message: `Updating failed while ${during}: ${detail.slice(0, 200)}` };
}
