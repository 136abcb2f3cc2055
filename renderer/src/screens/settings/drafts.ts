// Unsaved edits of a profile outlive the Settings screen: leaving it keeps them (never thrown away silently) until
// they are saved or discarded, or main's copy of the profile changes underneath them.
import type { Endpoint, LogLevel, Profile } from '../../../../shared/ipc/contract';

export type Draft = {
  name: string;
  endpointKind: Endpoint['kind'];
  url: string;
  uid: string;
  apiKeyId: string;
  requestTimeoutMs: string;
  logLevel: LogLevel;
};

export function draftOf(p: Profile): Draft {
  return {
    name: p.name,
    endpointKind: p.endpoint.kind,
    url: p.endpoint.kind === 'custom' ? p.endpoint.url : '',
    uid: p.uid,
    apiKeyId: p.apiKeyId,
    requestTimeoutMs: String(p.requestTimeoutMs),
    logLevel: p.logLevel,
  };
}

/** Per profile id: the profile as it was when the edits began, and the edits. */
const kept = new Map<string, { readonly base: string; readonly draft: Draft }>();

const same = (a: Draft, b: Draft) => (Object.keys(a) as (keyof Draft)[]).every((k) => a[k] === b[k]);

/** The edits kept for this profile, if they were made on the profile as main has it now. */
export function keptDraft(profile: Profile): Draft | undefined {
  const entry = kept.get(profile.id);
  return entry && entry.base === JSON.stringify(profile) ? entry.draft : undefined;
}

export function keepDraft(profile: Profile, draft: Draft): void {
  if (same(draft, draftOf(profile))) kept.delete(profile.id);
  else kept.set(profile.id, { base: JSON.stringify(profile), draft });
}

export function forgetDraft(profileId: string): void {
  kept.delete(profileId);
}

export function isDirty(profile: Profile, draft: Draft): boolean {
  return !same(draft, draftOf(profile));
}

/** Whether any profile has edits waiting (the sidebar can say so). */
export function hasKeptDrafts(): boolean {
  return kept.size > 0;
}
