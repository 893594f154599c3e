import forge from 'node-forge';
import { randomBytes } from 'node:crypto';

/**
 * A PKCS#12 file shaped like NCA's GOSTKNCA_*.p12: its key is a GOST 34.310 key (algorithm
 * 1.2.398.3.10.1.1.1.1), which no maintained JavaScript library can use. Built by hand, unencrypted:
 * only its shape matters to the test.
 */
export function gostStyleP12(): Buffer {
  const { asn1 } = forge;
  const seq = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
  const oid = (o: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
  const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
  const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
  const explicit0 = (v: forge.asn1.Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [v]);
  const der = (v: forge.asn1.Asn1) => asn1.toDer(v).getBytes();

  const privateKey = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, `\x01${randomBytes(31).toString('binary')}`);
  const keyInfo = seq([int(0), seq([oid('1.2.398.3.10.1.1.1.1'), seq([oid('1.2.398.3.10.1.1.1.2.1')])]), octets(der(privateKey))]);
  const safeContents = seq([seq([oid('1.2.840.113549.1.12.10.1.1'), explicit0(keyInfo)])]);
  const authSafe = seq([seq([oid('1.2.840.113549.1.7.1'), explicit0(octets(der(safeContents)))])]);
  return Buffer.from(der(seq([int(3), seq([oid('1.2.840.113549.1.7.1'), explicit0(octets(der(authSafe)))])])), 'binary');
}
