import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

/** An NSS database for pdfsig with the given CA certificates; the first is trusted as a root. */
export function nssTrustStore(dir: string, rootPem: string, intermediatePems: string[] = []): string {
  mkdirSync(dir, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-n', 'root', '-t', 'CT,C,C', '-i', rootPem, '-d', `sql:${dir}`]);
  intermediatePems.forEach((pem, i) => execFileSync('certutil', ['-A', '-n', `intermediate-${i}`, '-t', ',,', '-i', pem, '-d', `sql:${dir}`]));
  return `sql:${dir}`;
}

/**
 * pdfsig's report. Asynchronous: NSS asks the OCSP responder named in the certificates, and in tests
 * that is the NCA simulator in this same process.
 */
export async function pdfsig(file: string, nssDir?: string): Promise<string> {
  return (await runAsync('pdfsig', nssDir ? ['-nssdir', nssDir, file] : [file])).out;
}

/** Splits a signed PDF into its CMS and the bytes it covers, as a verifier would. */
/** The length of the DER value at the start of the bytes (its tag, length octets and contents). */
function derLength(der: Buffer): number {
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  return 2 + octets + der.subarray(2, 2 + octets).reduce((n, byte) => n * 256 + byte, 0);
}

export function extractSignature(pdf: Buffer, dir: string): { cms: string; content: string } {
  const text = pdf.toString('latin1');
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!m) throw new Error('no signature');
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  // The placeholder is zero-padded past the DER: its own length says where it ends (a signature may end in a zero byte).
  const padded = Buffer.from(text.slice(a + b + 1, c - 1), 'hex');
  const cms = join(dir, 'signature.der');
  const content = join(dir, 'signed-bytes.bin');
  writeFileSync(cms, padded.subarray(0, derLength(padded)));
  writeFileSync(content, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
  return { cms, content };
}

export function opensslCmsVerify(
  cms: string,
  content: string,
  caFile: string,
  certFile?: string,
  options: { purpose?: 'any' | 'smimesign'; crlFile?: string } = {},
): { ok: boolean; output: string } {
  // openssl cms has no -CRLfile: a CRL goes into the CA file, where the lookup finds it.
  let trustFile = caFile;
  if (options.crlFile) {
    trustFile = `${cms}.ca-and-crl.pem`;
    writeFileSync(trustFile, Buffer.concat([readFileSync(caFile), readFileSync(options.crlFile)]));
  }
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', trustFile, '-purpose', options.purpose ?? 'any', '-out', '/dev/null'];
  if (certFile) args.push('-certfile', certFile);
  if (options.crlFile) args.push('-crl_check');
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/**
 * Runs a command without blocking the event loop: needed when the command talks to a server in this
 * same process (openssl asking the NCA simulator).
 */
export function runAsync(command: string, args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (status) => resolve({ status, out }));
  });
}

/** What pdftotext (poppler, an independent reader) finds in a PDF, laid out, whitespace folded to single spaces. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'document.pdf');
    writeFileSync(file, pdf);
    return (await runAsync('pdftotext', ['-layout', file, '-'])).out.replace(/\s+/g, ' ');
  } finally {
    dir.remove();
  }
}
