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

  it.each([
    ['a line break', 'Main\nEndpoint: Sandbox', 'U+000A'],
    ['a carriage return', 'Ma\rin', 'U+000D'],
    ['U+202E (right-to-left override)', 'Main\u202Etxt.exe', 'U+202E'],
    ['U+2066 (left-to-right isolate)', 'Main\u2066x', 'U+2066'],
    ['U+200B (zero-width space)', 'Ma\u200Bin', 'U+200B'],
    ['U+2028 (line separator)', 'Main\u2028x', 'U+2028'],
    ['U+2029 (paragraph separator)', 'Main\u2029x', 'U+2029'],
    ['a C1 control (U+0085)', 'Main\u0085x', 'U+0085'],
    ['NUL', 'Main\u0000', 'U+0000'],
  ])('refuses a name with %s, in IPC and in settings alike', (_what, name, code) => {
    const ipc = profileName.safeParse(name);
    expect(ipc.success).toBe(false);
    expect(ipc.error?.issues[0]?.message).toBe(`A profile name must not contain line breaks, control or direction-changing characters (it holds ${code}).`);
    expect(validateProfileName(name)).toBe(ipc.error?.issues[0]?.message);
  });

  it('accepts names people write: accents, CJK, emoji, Arabic', () => {
    for (const name of ['Main', 'Übung — test', '主账户', 'Trading 🚀', 'حساب']) {
      expect(profileName.safeParse(name).success, name).toBe(true);
      expect(validateProfileName(name)).toBeUndefined();
    }
  });
});
