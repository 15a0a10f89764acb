import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNTHESIZED_TEMPLATE_FILE, synthesizeTemplate } from '../../local/cloud-template.js';

/**
 * Synthesises the cloud template once for the whole run: every system file, and every `npm start` one
 * spawns, reads it instead of synthesising its own (each took seconds of CDK, the largest cost of a file).
 */
export default function setup(): () => void {
  // Each tier that needs it names this setup; in one run the first synthesises for all.
  if (process.env[SYNTHESIZED_TEMPLATE_FILE]) return () => {};
  const folder = mkdtempSync(join(tmpdir(), 'forlob-template-'));
  const file = join(folder, 'template.json');
  writeFileSync(file, JSON.stringify(synthesizeTemplate()));
  process.env[SYNTHESIZED_TEMPLATE_FILE] = file;
  return () => {
    rmSync(folder, { recursive: true, force: true });
    delete process.env[SYNTHESIZED_TEMPLATE_FILE];
  };
}
