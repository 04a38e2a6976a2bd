/**
 * Why a request got no answer, from the error undici or Node threw: `timeout` (our bound fired,
 * or undici's own headers/body/connect timeout), `tls` (the certificate was not trusted), or
 * `network` (refused, DNS, reset, cut). Each client words it for its own server.
 */
export function noAnswerKind(
  error: unknown,
  timedOut: boolean,
): { kind: 'timeout' | 'tls' | 'network'; code: string } {
  const code = (error as { code?: string }).code ?? '';
  const kind =
    timedOut || /TIMEOUT/i.test(code)
      ? 'timeout'
      : /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ALTNAME/i.test(code)
        ? 'tls'
        : 'network';
  return { kind, code };
}
