import { spawnSync } from 'node:child_process';
import forge from 'node-forge';

/**
 * A second, independent check of NCA-style GOST 2015/512 signatures, written for the tests and sharing nothing
 * with pki/gost: the curve typed in again from RFC 7836 (id-tc26-gost-3410-12-512-paramSetA), affine arithmetic in
 * plain BigInt, Streebog-512 from rhash (a C implementation), the CMS read with forge's ASN.1 parser alone.
 */
const p = (1n << 512n) - 569n;
const a = p - 3n;
const b = 0x00e8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n;
const q = 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n;
const G: Point = {
  x: 3n,
  y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
};
type Point = { x: bigint; y: bigint } | null;

const mod = (v: bigint, m: bigint) => ((v % m) + m) % m;
function power(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  for (let b = mod(base, m), e = exponent; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) result = (result * b) % m;
  return result;
}
const invert = (v: bigint, m: bigint) => power(v, m - 2n, m);

function add(P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  if (P.x === Q.x && mod(P.y + Q.y, p) === 0n) return null;
  const slope = P.x === Q.x ? mod((3n * P.x * P.x + a) * invert(2n * P.y, p), p) : mod((Q.y - P.y) * invert(Q.x - P.x, p), p);
  const x = mod(slope * slope - P.x - Q.x, p);
  return { x, y: mod(slope * (P.x - x) - P.y, p) };
}
function multiply(k: bigint, P: Point): Point {
  let result: Point = null;
  for (let addend = P, n = k; n > 0n; n >>= 1n, addend = add(addend, addend)) if (n & 1n) result = add(result, addend);
  return result;
}
const littleEndian = (bytes: Buffer) => BigInt(`0x${Buffer.from(bytes).reverse().toString('hex') || '0'}`);

export function rhashStreebog512(bytes: Buffer): Buffer {
  const run = spawnSync('rhash', ['-p', '%x{gost12-512}', '-'], { input: bytes });
  if (run.status !== 0) throw new Error(`rhash: ${run.stderr}`);
  return Buffer.from(run.stdout.toString().trim(), 'hex');
}

/** r‖s little-endian over the Streebog-512 digest of `data`, under the key x‖y little-endian. */
export function independentlyVerify(publicKey: Buffer, data: Buffer, signature: Buffer): boolean {
  const Q = { x: littleEndian(publicKey.subarray(0, 64)), y: littleEndian(publicKey.subarray(64)) };
  if (mod(Q.y * Q.y - (Q.x * Q.x * Q.x + a * Q.x + b), p) !== 0n) return false;
  const [r, s] = [littleEndian(signature.subarray(0, 64)), littleEndian(signature.subarray(64))];
  if (signature.length !== 128 || r <= 0n || r >= q || s <= 0n || s >= q) return false;
  const e = littleEndian(rhashStreebog512(data)) % q || 1n;
  const v = invert(e, q);
  const C = add(multiply(mod(s * v, q), G), multiply(mod(-r * v, q), Q));
  return C !== null && mod(C.x, q) === r;
}

const node = (bytes: Buffer) => forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), { decodeBitStrings: false } as never);
const der = (n: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(n).getBytes(), 'binary');
const kids = (n: forge.asn1.Asn1 | undefined) => (n?.value ?? []) as forge.asn1.Asn1[];

/** The GOST public key (x‖y) of a certificate. */
export function certificatePublicKey(certificate: Buffer): Buffer {
  const tbs = kids(kids(node(certificate))[0]);
  const spki = tbs[tbs[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 6 : 5]!;
  const bits = Buffer.from(kids(spki)[1]!.value as string, 'binary').subarray(1);
  return Buffer.from(node(bits).value as string, 'binary');
}

/**
 * Checks the first PAdES signature of a PDF from scratch: the signed ranges' Streebog-512 is the CMS's
 * messageDigest (as the hash's own bytes), and the signature over the signed attributes verifies.
 */
export function independentlyVerifyPdf(pdf: Buffer, signerCertificate: Buffer): { digestMatches: boolean; signatureValid: boolean } {
  const text = pdf.toString('latin1');
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!;
  const [b0, l0, b1, l1] = m.slice(1).map(Number) as [number, number, number, number];
  const contents = Buffer.from(text.slice(b0 + l0 + 1, b1 - 1), 'hex');
  const length = contents[1]! & 0x80 ? 2 + (contents[1]! & 0x7f) + contents.readUIntBE(2, contents[1]! & 0x7f) : 2 + contents[1]!;
  const cms = node(contents.subarray(0, length));
  const signedData = kids(kids(cms)[1]);
  const signerInfo = kids(kids(kids(signedData[0])[kids(signedData[0]).length - 1])[0]);
  const [, , , attributes, , signatureValue] = signerInfo;
  const messageDigest = kids(attributes).find((attr) => forge.asn1.derToOid(kids(attr)[0]!.value as string) === '1.2.840.113549.1.9.4')!;
  const claimed = Buffer.from(kids(kids(messageDigest)[1])[0]!.value as string, 'binary');
  const signedAttributes = der(attributes!);
  signedAttributes[0] = 0x31;
  const content = Buffer.concat([pdf.subarray(b0, b0 + l0), pdf.subarray(b1, b1 + l1)]);
  return {
    digestMatches: claimed.equals(rhashStreebog512(content)),
    signatureValid: independentlyVerify(certificatePublicKey(signerCertificate), signedAttributes, Buffer.from(signatureValue!.value as string, 'binary')),
  };
}
