// The IPC schema and the settings file hold a profile to the same limits (one definition in shared/constants):
// what the renderer may send is exactly what settings.json may keep.
import { describe, expect, it } from 'vitest';
import { validateProfileName, validateRequestTimeout } from '../../main/services/settings';
import { MAX_PROFILE_NAME, MAX_REQUEST_TIMEOUT_MS, MIN_REQUEST_TIMEOUT_MS } from '../../shared/constants';
import { profileName, profileUpdate } from '../../shared/ipc/schemas';

const ipcAcceptsTimeout = (ms: number) => profileUpdate.safeParse({ id: 'p', requestTimeoutMs: ms }).success;

describe('profile limits agree between IPC and settings', () => {
  it.each([MIN_REQUEST_TIMEOUT_MS - 1, MIN_REQUEST_TIMEOUT_MS, MAX_REQUEST_TIMEOUT_MS, MAX_REQUEST_TIMEOUT_MS + 1, 600_000])('request timeout %i ms', (ms) => {
    expect(ipcAcceptsTimeout(ms)).toBe(validateRequestTimeout(ms) === undefined);
  });

  it.each([1, MAX_PROFILE_NAME, MAX_PROFILE_NAME + 1, 100])('profile name of %i characters', (length) => {
    const name = 'n'.repeat(length);
    expect(profileName.safeParse(name).success).toBe(validateProfileName(name) === undefined);
  });

  it('says which limit a name breaks', () => {
    const result = profileName.safeParse('n'.repeat(MAX_PROFILE_NAME + 1));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`A profile name may be at most ${MAX_PROFILE_NAME} characters.`);
  });
});
