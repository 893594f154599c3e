import forge from 'node-forge';
import { createHash, randomBytes } from 'node:crypto';
import { algorithm, explicit, int, octets, oid, seq, set, type Node } from '../../pki/asn1/der';
import { OID } from '../../pki/asn1/oids';
import { TC26_512_A } from '../../pki/gost/curves';
import { ncaPrivateKeyInfo } from '../../pki/gost/nca';
import { gostCurveOfKey, type Issued } from './certificates';

/**
 * A password-protected PKCS#12 key file as NCA hands them out: the key in a pbeWithSHAAnd3-KeyTripleDES-CBC
 * shrouded bag, a SHA-1 MAC over 1024 iterations; a GOST key as NCA stores it (PKCS#8 with NCA's algorithm and
 * parameters, the scalar little-endian in an OCTET STRING inside privateKey). Written here because forge's
 * PKCS#12 writer takes RSA keys only; forge still does the key derivation, 3DES and the MAC. (NCA also encrypts
 * the certificate bag, with RC2-40; the simulator leaves it in the clear — the reader takes both, and NCA's own
 * file in ../shared/vectors is the test of the encrypted kind.)
 */
const PKCS12 = {
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
} as const;
const MAC_ITERATIONS = 1024;

/** forge's PKCS#12 key derivation (RFC 7292 appendix B), which its typings leave out. */
type Pkcs12KeyDerivation = (password: string, salt: forge.util.ByteStringBuffer, id: number, iterations: number, length: number) => forge.util.ByteStringBuffer;
const pkcs12Key = (forge.pkcs12 as unknown as { generateKey: Pkcs12KeyDerivation }).generateKey;

const forgeDer = (node: Node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

function privateKeyInfo(issued: Issued): Node {
  if (issued.key.kind === 'rsa') return forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(forge.pki.privateKeyFromPem(issued.key.privateKeyPem)));
  const curve = gostCurveOfKey(issued.key);
  return ncaPrivateKeyInfo(curve === TC26_512_A ? OID.gost2015Key512 : OID.gost2015Key256, curve, Buffer.from(issued.key.scalarHex, 'hex'));
}

const dataContent = (bytes: Buffer) => seq([oid(OID.data), explicit(0, [octets(bytes)])]);
const attribute = (type: string, value: Node) => seq([oid(type), set([value])]);

export function toPkcs12(entity: Issued, chain: Issued[], password: string): Buffer {
  const keyId = attribute(PKCS12.localKeyId, octets(createHash('sha1').update(entity.certificateDer).digest()));
  const shrouded = forge.pki.encryptPrivateKeyInfo(privateKeyInfo(entity), password, { algorithm: '3des', count: 2048, saltSize: 8 });
  const keyBag = seq([oid(PKCS12.shroudedKeyBag), explicit(0, [shrouded]), set([keyId])]);
  const certBag = (issued: Issued, attributes: Node[]) =>
    seq([oid(PKCS12.certBag), explicit(0, [seq([oid(PKCS12.x509Certificate), explicit(0, [octets(issued.certificateDer)])])]), ...(attributes.length ? [set(attributes)] : [])]);
  const certBags = [certBag(entity, [keyId]), ...chain.map((c) => certBag(c, []))];
  const authSafe = forgeDer(seq([dataContent(forgeDer(seq([keyBag]))), dataContent(forgeDer(seq(certBags)))]));

  const salt = randomBytes(20);
  const macKey = pkcs12Key(password, forge.util.createBuffer(salt.toString('binary')), 3, MAC_ITERATIONS, 20);
  const hmac = forge.hmac.create();
  hmac.start('sha1', macKey.getBytes());
  hmac.update(authSafe.toString('binary'));
  const mac = Buffer.from(hmac.digest().getBytes(), 'binary');
  const macData = seq([seq([algorithm(OID.sha1), octets(mac)]), octets(salt), int(MAC_ITERATIONS)]);
  return forgeDer(seq([int(3), dataContent(authSafe), macData]));
}
