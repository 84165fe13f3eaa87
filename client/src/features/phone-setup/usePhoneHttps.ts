import { useEffect, useState } from 'react';
import { TLS_PATHS, type PhoneHttpsInfo } from '@vigil/shared';
import { requestJson } from '../../lib/http';

export type PhoneHttpsState = { status: 'loading' } | { status: 'ready'; info: PhoneHttpsInfo } | { status: 'failed'; message: string };

/** Where this server's HTTPS page and local CA are, for the host this page was opened by. */
export function usePhoneHttps(): PhoneHttpsState {
  const [state, setState] = useState<PhoneHttpsState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    requestJson<PhoneHttpsInfo>(TLS_PATHS.info).then(
      (info) => current && setState({ status: 'ready', info }),
      (error: unknown) => current && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}

/** This page's path on the HTTPS origin. */
export function secureUrlFor(info: PhoneHttpsInfo, location: { pathname: string; search: string }): string | null {
  return info.httpsUrl ? `${info.httpsUrl}${location.pathname}${location.search}` : null;
}

/** The setup page on plain HTTP, where the CA downloads without a certificate warning. */
export function setupUrlFor(info: PhoneHttpsInfo): string {
  return `${info.httpUrl ?? ''}${TLS_PATHS.setupPage}`;
}
