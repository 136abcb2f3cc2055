// The main-process dialogs as a person who cancels them: every picker chooses nothing, every question is answered
// no. Tests override only the dialogs they play.

import type { DialogPort } from '../../main/ipc/handlers';

export function cancellingDialogs(overrides: Partial<DialogPort> = {}): DialogPort {
  return {
    confirm: async () => false,
    pickKeyFile: async () => null,
    pickExportPath: async () => null,
    pickScenarioFile: async () => null,
    pickSavePath: async () => null,
    pickSessionFile: async () => null,
    revealFile: () => undefined,
    ...overrides,
  };
}
