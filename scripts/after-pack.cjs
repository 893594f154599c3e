// electron-builder's afterPack hook: sets Electron's fuses in the packaged binary before it is signed
// and wrapped into an installer (Electron's security checklist, "fuses"). Plain CommonJS: electron-builder
// requires this file as it is.
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/**
 * What the packaged app may do. It never runs as plain Node (ELECTRON_RUN_AS_NODE), takes no
 * NODE_OPTIONS or --inspect from whoever starts it, encrypts its cookies, loads its code only from its
 * own ASAR archive and checks that archive's integrity, and gives file:// no extra privileges (the UI
 * is served from app://).
 */
const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron binary electron-builder has just laid out for one platform. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  // Flipping fuses breaks the ad-hoc signature of an arm64 macOS build: it is made again.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && (context.arch === 3 || context.arch === 4); // arm64, universal
  await flipFuses(electronBinary(context), { ...FUSES, resetAdHocDarwinSignature });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
