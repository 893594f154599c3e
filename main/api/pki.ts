import type { pkiCalls } from '../../domain/api/pki';
import type { CoreContext } from '../context';
import { inspectKeyFile } from '../services/keys';
import { setNetworkSettings, setStaleRule } from '../services/pki-settings';
import { importCrl, trustOverview } from '../services/revocation';
import { parseCertificates, trustCertificates } from '../services/trust';
import { fromBase64, ok, signedIn, type AreaHandlers } from './caller';

export function pkiHandlers(ctx: CoreContext): AreaHandlers<typeof pkiCalls> {
  return {
    'keys.inspect': (a) => inspectKeyFile(fromBase64(a.keyFileBase64), a.keyPassword),
    'trust.list': () => trustOverview(ctx),
    'trust.addCertificates': (a, c) => ({ added: trustCertificates(ctx, parseCertificates(fromBase64(a.contentBase64)), signedIn(c).id) }),
    'trust.importCrl': (a, c) => importCrl(ctx, fromBase64(a.contentBase64), signedIn(c).id),
    'trust.setStaleRule': (a, c) => {
      setStaleRule(ctx, a.rule, signedIn(c).id);
      return ok;
    },
    'trust.setNetwork': (a, c) => {
      setNetworkSettings(ctx, a, signedIn(c).id);
      return ok;
    },
  };
}
