import { z } from 'zod';
import { EntryStatus, PersonRef } from '../contract/coordination.js';

/*
 * An entry of a coordination list as stored. Its own module: the import (store/imports.ts) writes entries and the
 * lists' module (store/coordination-lists.ts) uses the import's outcome items, so neither may hold it for the other.
 */
export const StoredEntry = z.object({
  listId: z.string(),
  entryId: z.string(),
  line: z.int(),
  municipality: z.string(),
  status: EntryStatus,
  name: z.string().nullable().default(null),
  cprEncrypted: z.string().nullable().default(null),
  cprHash: z.string().nullable().default(null),
  cprMasked: z.string().nullable().default(null),
  birthDate: z.string().nullable().default(null),
  monthsOnList: z.int(),
  repeater: z.boolean(),
  responsible: PersonRef.nullable().default(null),
  enrolmentId: z.string().nullable().default(null),
  /** Set at the list's meeting: the contact attempts since the previous meeting all failed. */
  couldNotBeContacted: z.boolean().default(false),
});
export type StoredEntry = z.infer<typeof StoredEntry>;
