// Runs a Node program (argv[2] on) and, as it exits, writes its peak resident memory in bytes to the
// file AJO_MAX_RSS_FILE names: the process's own getrusage, worker threads included.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const report = process.env.AJO_MAX_RSS_FILE;
process.on('exit', () => {
  if (report) writeFileSync(report, String(process.resourceUsage().maxRSS * 1024));
});
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(process.argv[1])).href);
