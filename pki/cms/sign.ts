import { buildSignedData } from './builder';
import { OID } from '../asn1/oids';
import type { PrivateKey } from '../algorithms/private-key';

/** Detached CMS (CAdES-BES) signatures made with a key from a key file: RSA or GOST 2015. */
export interface CmsSigner {
  privateKey: PrivateKey;
  certificateDer: Buffer;
  chainDer?: Buffer[];
  /** Adds a time-stamp to the finished CMS (PAdES asks for it after signing, before embedding). */
  timestamp?: (cms: Buffer) => Promise<Buffer>;
}

export interface CmsOptions {
  /** Add the signingTime attribute (CAdES for data); PAdES keeps the time in the signature dictionary instead. */
  signingTime?: Date;
}

/** A detached CMS over `content`. */
export function signDetached(content: Buffer, signer: CmsSigner, options: CmsOptions = {}): Buffer {
  return buildSignedData({
    content,
    detached: true,
    contentType: OID.data,
    signerCertificate: signer.certificateDer,
    certificates: [signer.certificateDer, ...(signer.chainDer ?? [])],
    ...(options.signingTime ? { signingTime: options.signingTime } : {}),
    key: signer.privateKey,
  });
}
