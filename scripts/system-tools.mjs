// Before the tests: the system programs they use as real peers and independent verifiers. Whatever is
// missing is installed from Debian's packages (as root, or through sudo without a password), so that
// `npm ci && npm test` passes on a fresh Debian or Ubuntu machine; where it cannot be installed, the run
// stops at once with the one command that would install it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const saneBackend = (name) =>
  ['/usr/lib/sane', ...readdirSync('/usr/lib', { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.endsWith('-linux-gnu')).map((d) => `/usr/lib/${d.name}/sane`)].some(
    (dir) => existsSync(`${dir}/libsane-${name}.so.1`),
  );

/** What each test needs, and the Debian package that brings it. */
const NEEDS = [
  { what: 'Chromium (the UI tests)', package: 'chromium', present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
  { what: 'pdfsig, pdftoppm, pdftotext, pdfimages (poppler)', package: 'poppler-utils', present: () => ['pdfsig', 'pdftoppm', 'pdftotext', 'pdfimages'].every(onPath) },
  { what: "certutil (pdfsig's trust store)", package: 'libnss3-tools', present: () => onPath('certutil') },
  { what: 'openssl (verifies CMS, makes test PKIs)', package: 'openssl', present: () => onPath('openssl') },
  { what: 'rhash (an independent implementation of the GOST hashes, for their tests)', package: 'rhash', present: () => onPath('rhash') },
  { what: 'zbarimg (reads the licence QR code)', package: 'zbar-tools', present: () => onPath('zbarimg') },
  { what: "scanimage and SANE's test scanner", package: 'sane-utils', present: () => onPath('scanimage') && saneBackend('test') },
  { what: "sane-airscan (an independent eSCL client the tests' scanner must satisfy)", package: 'sane-airscan', present: () => saneBackend('airscan') },
  { what: "PostgreSQL (the registry's tests run on a real server too)", package: 'postgresql', present: () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) },
  { what: 'CA certificates', package: 'ca-certificates', present: () => existsSync('/etc/ssl/certs') },
];

const missing = NEEDS.filter((need) => !need.present());
if (missing.length === 0) process.exit(0);

const packages = missing.map((need) => need.package);
const installCommand = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
console.log(`The tests need: ${missing.map((need) => need.what).join('; ')}.`);

/** apt-get update and install, as root or through sudo; true when both went through. */
function install(throughSudo) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const step of [['apt-get', '-qq', 'update'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]]) {
    const [command, ...args] = throughSudo ? ['sudo', '-n', ...step] : step;
    if (spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status !== 0) return false;
  }
  return true;
}

const asRoot = process.getuid?.() === 0;
const sudo = !asRoot && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!onPath('apt-get') || (!asRoot && !sudo)) {
  console.error(`Install them first, then run the tests again:\n  sudo sh -c '${installCommand}'`);
  process.exit(1);
}
console.log(`Installing from Debian's packages: ${packages.join(' ')}`);
if (!install(!asRoot) || NEEDS.some((need) => !need.present())) {
  console.error(`Installing did not bring everything. Run it by hand and look at what apt says:\n  sudo sh -c '${installCommand}'`);
  process.exit(1);
}
