import forge from 'node-forge';
import { createPrivateKey } from 'node:crypto';
import { readCertificate, type KazakhCertificate } from './certificate';
import { OID } from '../asn1/oids';
import { children, oidOf, toDerBuffer, type Node } from '../asn1/der';
import { gostPrivateKey, rsaPrivateKey, type PrivateKey } from '../algorithms/private-key';
import { readPublicKey } from '../algorithms/public-key';
import { GostKeyError } from '../gost/signature';
import { NcaKeyError, ncaCurveOf, ncaPublicKeyOf, ncaScalar } from '../gost/nca';
import type { GostCurve } from '../gost/curves';

/**
 * NCA's key files (PKCS#12): RSA pairs (RSA256_…, AUTH_RSA256_…) and the GOST R 34.10-2015 keys NCA issues today
 * (GOST512_…, one key for signing and sign-in). forge reads the PKCS#12 itself — BER with indefinite lengths, the
 * 3DES-shrouded key bag, the RC2-40 certificate bag and the SHA-1 MAC, as NCA writes them — and hands over what
 * it cannot read as a key (GOST) as parsed ASN.1, read here. A GOST 34.310-2004 key (GOSTKNCA_…) is recognised
 * and refused: NCA no longer time-stamps such signatures.
 */
export type KeyFileProblem =
  | 'corrupt'
  | 'wrong-password'
  | 'no-private-key'
  | 'no-certificate'
  | 'key-mismatch'
  | 'gost2004-retired'
  | 'unknown-curve'
  | 'choice-needed';

export class KeyFileError extends Error {
  constructor(readonly problem: KeyFileProblem) {
    super(`key file: ${problem}`);
    this.name = 'KeyFileError';
  }
}

export interface SigningKey {
  privateKey: PrivateKey;
  certificate: KazakhCertificate;
  /** Other certificates in the file (intermediates), DER. */
  chain: Buffer[];
}

interface OpenedKey {
  privateKey: PrivateKey;
  /** The public key the private one gives: RSA's SPKI, or GOST's x‖y little-endian. */
  matches(certificate: KazakhCertificate): boolean;
}

function rsaKey(key: forge.pki.rsa.PrivateKey): OpenedKey {
  const spki = Buffer.from(forge.asn1.toDer(forge.pki.publicKeyToAsn1(forge.pki.setRsaPublicKey(key.n, key.e))).getBytes(), 'binary');
  return { privateKey: rsaPrivateKey(createPrivateKey(forge.pki.privateKeyToPem(key))), matches: (c) => c.keyAlgorithm === 'rsa' && c.spki.equals(spki) };
}

/** A PrivateKeyInfo forge could not read: NCA's GOST keys. */
function gostKey(keyInfo: Node): OpenedKey {
  const [, algorithm, privateKey] = children(keyInfo);
  const algorithmOid = oidOf(children(algorithm)[0]);
  if (algorithmOid === OID.gost2004Key) throw new KeyFileError('gost2004-retired');
  let curve: GostCurve;
  try {
    curve = ncaCurveOf(algorithmOid, children(algorithm)[1]);
  } catch (error) {
    if (error instanceof NcaKeyError && error.problem === 'unknown-curve') throw new KeyFileError('unknown-curve');
    throw new KeyFileError('corrupt');
  }
  let scalar: Buffer;
  let publicKey: Buffer;
  try {
    scalar = ncaScalar(curve, privateKey);
    publicKey = ncaPublicKeyOf(curve, scalar);
  } catch (error) {
    if (error instanceof GostKeyError || error instanceof NcaKeyError) throw new KeyFileError('corrupt');
    throw error;
  }
  return {
    privateKey: gostPrivateKey(curve, scalar),
    matches: (c) => {
      if (!c.keyAlgorithm.startsWith('gost')) return false;
      try {
        return readPublicKey(c.spki).point!.equals(publicKey);
      } catch {
        return false;
      }
    },
  };
}

function parsePkcs12(bytes: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  let p12Asn1: forge.asn1.Asn1;
  try {
    p12Asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
  } catch {
    throw new KeyFileError('corrupt');
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(p12Asn1, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password/i.test(message)) throw new KeyFileError('wrong-password');
    throw new KeyFileError('corrupt');
  }
}

/**
 * Every key in the file with its certificate (NCA files hold one; exported bundles may hold several).
 * Other certificates in the file are the chain. All certificates are kept byte for byte as stored. The password
 * is used here and nowhere else; the key lives in memory only for the operation that asked for it.
 */
export function openKeyFileEntries(bytes: Buffer, password: string): SigningKey[] {
  const p12 = parsePkcs12(bytes, password);
  const bagsOf = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)];
  if (keyBags.length === 0) throw new KeyFileError('no-private-key');
  const certificates = bagsOf(forge.pki.oids.certBag!).flatMap((bag) => {
    const der = bag.cert ? Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(), 'binary') : bag.asn1 ? toDerBuffer(bag.asn1) : null;
    try {
      return der ? [readCertificate(der)] : [];
    } catch {
      return [];
    }
  });
  let refusal: KeyFileError | null = null;
  const entries: SigningKey[] = [];
  for (const bag of keyBags) {
    let opened: OpenedKey;
    try {
      if (bag.key) opened = rsaKey(bag.key as forge.pki.rsa.PrivateKey);
      else if (bag.asn1) opened = gostKey(bag.asn1);
      else continue;
    } catch (error) {
      if (!(error instanceof KeyFileError)) throw error;
      refusal = error;
      continue;
    }
    const own = certificates.find((c) => opened.matches(c));
    if (!own) {
      // A key whose certificate is in the file under another key is NCA's "does not match" case.
      refusal ??= new KeyFileError(certificates.some((c) => !c.isCa) ? 'key-mismatch' : 'no-certificate');
      continue;
    }
    entries.push({ privateKey: opened.privateKey, certificate: own, chain: certificates.filter((c) => c !== own).map((c) => c.der) });
  }
  if (entries.length === 0) throw refusal ?? new KeyFileError('no-certificate');
  return entries;
}

/** The key to use: the only one in the file, or the one the user chose from several. */
export function openKeyFile(bytes: Buffer, password: string, index?: number): SigningKey {
  const entries = openKeyFileEntries(bytes, password);
  if (index === undefined) {
    if (entries.length > 1) throw new KeyFileError('choice-needed');
    return entries[0]!;
  }
  const chosen = entries[index];
  if (!chosen) throw new KeyFileError('choice-needed');
  return chosen;
}
