// Argument schemas of the session-file and copy-as-code channels (the IPC table in ./channels.ts). Pure zod.

import { z } from 'zod';
import { CODE_LANGUAGES } from '../codegen/request';
import { LOG_LEVELS } from '../constants';
import { choiceNumber, rawFields, rawFrameText } from './schemas';

export const sessionExport = z
  .object({
    format: z.enum(['har', 'ndjson']),
    level: z.enum(LOG_LEVELS).optional(),
    text: z.string().max(1_000).optional(),
  })
  .strict();

export const codeSave = z
  .object({
    language: z.enum(CODE_LANGUAGES),
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('choice'), choice: choiceNumber, fields: rawFields }).strict(),
      z.object({ kind: z.literal('frame'), text: rawFrameText }).strict(),
    ]),
  })
  .strict();
