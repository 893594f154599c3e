import { createHmac } from 'node:crypto';

/** HMAC-SHA256 under the one-time enrolment code of what the registry sends a desk it enrols (its CA, the desk's certificate). */
export function enrolmentMac(code: string, caPem: string, certificatePem: string): string {
  return createHmac('sha256', code).update(caPem).update('\n').update(certificatePem).digest('hex');
}
