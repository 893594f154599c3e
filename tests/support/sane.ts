import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

/**
 * A private SANE configuration with only the `test` backend (Debian sane-utils): its test.conf sets
 * the virtual device's defaults, including the status its reads return (error injection).
 */
export function saneTestConfig(settings: Record<string, string> = {}) {
  const dir = tempDir();
  writeFileSync(join(dir.path, 'dll.conf'), 'test\n');
  const defaults: Record<string, string> = { number_of_devices: '2', resolution: '75.0', 'test-picture': '"Grid"' };
  // Each scanimage run reads test.conf afresh, so a test may change the device between scans.
  const set = (more: Record<string, string>) =>
    writeFileSync(join(dir.path, 'test.conf'), Object.entries({ ...defaults, ...more }).map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
  set(settings);
  return { env: { SANE_CONFIG_DIR: dir.path }, set, remove: () => dir.remove() };
}
