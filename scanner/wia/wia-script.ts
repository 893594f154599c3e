import type { ColourMode, ScanSource } from '../drivers/driver';

/**
 * PowerShell for Windows Image Acquisition through its COM automation layer (WIA.DeviceManager), the
 * scanner API every Windows PC has. Each script prints one JSON object per line and nothing else; the
 * meaning of errors (HRESULTs) is decided on the Node side, where it is tested.
 *
 * Scripts travel as -EncodedCommand (Base64 of UTF-16LE): no quoting through cmd.exe, no script file
 * on disk for another process to swap.
 */

/** WIA property ids (wiadef.h). */
export const WIA = {
  documentHandlingCapabilities: 3086,
  documentHandlingSelect: 3088,
  pages: 3096,
  currentIntent: 6146,
  xResolution: 6147,
  yResolution: 6148,
  formatPng: '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}',
} as const;

/** WIA_DPS_DOCUMENT_HANDLING_SELECT values: FEEDER 0x1, FLATBED 0x2, DUPLEX 0x4. */
export const HANDLING: Record<ScanSource, number> = { feeder: 0x1, flatbed: 0x2, 'feeder-duplex': 0x5 };
/** WIA_IPS_CUR_INTENT: colour 0x1, greyscale 0x2, text (black and white) 0x4. */
export const INTENT: Record<ColourMode, number> = { color: 0x1, gray: 0x2, lineart: 0x4 };

/**
 * A string literal PowerShell reads back exactly. Single-quoted strings expand nothing; PowerShell also
 * takes the typographic quotes ‘ ’ ‚ ‛ as single quotes, so those are doubled too.
 */
export function psString(value: string): string {
  if (/[\u0000-\u001f]/.test(value)) throw new RangeError('control characters cannot be passed to PowerShell');
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

export function encodedCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedCommand(script)];
}

const PRELUDE = `
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
function Emit($o) { [Console]::Out.WriteLine(($o | ConvertTo-Json -Compress)) }
function Set-WiaProperty($properties, [int]$id, $value) {
  foreach ($p in $properties) { if ($p.PropertyID -eq $id) { $p.Value = $value; return } }
}
function Get-WiaProperty($properties, [int]$id) {
  foreach ($p in $properties) { if ($p.PropertyID -eq $id) { return $p } }
  return $null
}
# PowerShell wraps a failed COM call in MethodInvocationException: the WIA HRESULT is on the innermost exception.
function Emit-Failure($exception, $page) {
  $e = $exception
  while ($e.InnerException) { $e = $e.InnerException }
  Emit @{ error = $e.HResult; page = $page }
}
function Connect-Scanner([string]$id) {
  $manager = New-Object -ComObject WIA.DeviceManager
  foreach ($info in $manager.DeviceInfos) { if ($info.DeviceID -eq $id) { return $info.Connect() } }
  Emit @{ error = 'unknown-device' }
  exit 0
}
`;

/** Scanners (WIA device type 1) with their ids and names. */
export function listDevicesScript(): string {
  return `${PRELUDE}
$manager = New-Object -ComObject WIA.DeviceManager
foreach ($info in $manager.DeviceInfos) {
  if ($info.Type -ne 1) { continue }
  Emit @{ id = $info.DeviceID; name = $info.Properties.Item('Name').Value }
}
Emit @{ done = $true }
`;
}

/** What the device offers: its document handling bits and the resolutions of its first item. */
export function capabilitiesScript(deviceId: string): string {
  return `${PRELUDE}
try {
  $device = Connect-Scanner ${psString(deviceId)}
  $handling = Get-WiaProperty $device.Properties ${WIA.documentHandlingCapabilities}
  $x = Get-WiaProperty $device.Items.Item(1).Properties ${WIA.xResolution}
  $resolutions = @()
  if ($x.SubType -eq 1) { for ($r = $x.SubTypeMin; $r -le $x.SubTypeMax; $r += [Math]::Max(1, $x.SubTypeStep)) { $resolutions += $r } }
  elseif ($x.SubType -eq 2) { foreach ($r in $x.SubTypeValues) { $resolutions += $r } }
  else { $resolutions += $x.Value }
  Emit @{ handling = $(if ($handling) { [int]$handling.Value } else { 2 }); resolutions = $resolutions }
} catch {
  Emit-Failure $_.Exception 0
}
`;
}

/**
 * One page from the flatbed, or the feeder page by page until WIA says it is empty; each page saved as
 * PNG into outDir and announced as soon as it is written, so a jam later keeps the pages before it.
 */
export function scanScript(input: { deviceId: string; source: ScanSource; mode: ColourMode; resolution: number; outDir: string }): string {
  if (!Number.isInteger(input.resolution) || input.resolution < 50 || input.resolution > 1200) throw new RangeError('resolution out of range');
  return `${PRELUDE}
$out = ${psString(input.outDir)}
$feeder = ${input.source === 'flatbed' ? '$false' : '$true'}
$page = 0
try {
  $device = Connect-Scanner ${psString(input.deviceId)}
  Set-WiaProperty $device.Properties ${WIA.documentHandlingSelect} ${HANDLING[input.source]}
  Set-WiaProperty $device.Properties ${WIA.pages} 1
  $item = $device.Items.Item(1)
  Set-WiaProperty $item.Properties ${WIA.currentIntent} ${INTENT[input.mode]}
  Set-WiaProperty $item.Properties ${WIA.xResolution} ${input.resolution}
  Set-WiaProperty $item.Properties ${WIA.yResolution} ${input.resolution}
  while ($true) {
    $image = $item.Transfer('${WIA.formatPng}')
    if ($image.FormatID -ne '${WIA.formatPng}') {
      $process = New-Object -ComObject WIA.ImageProcess
      $process.Filters.Add($process.FilterInfos.Item('Convert').FilterID)
      $process.Filters.Item(1).Properties.Item('FormatID').Value = '${WIA.formatPng}'
      $image = $process.Apply($image)
    }
    $page++
    $file = Join-Path $out ('page-{0:D4}.png' -f $page)
    $image.SaveFile($file)
    Emit @{ page = $page; file = $file }
    if (-not $feeder) { break }
  }
  Emit @{ done = $true }
} catch {
  Emit-Failure $_.Exception $page
}
`;
}
