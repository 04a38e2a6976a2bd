import { contentSecurityPolicy } from '../ground/csp';

/** The only thing served without the token: how to get in, in both languages. */
export const loginHint = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Régie</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#eee;padding:.1rem .3rem}</style>
</head><body>
<h1>Régie</h1>
<p>Jeton de session absent ou invalide. Ouvrez l'adresse affichée par <code>regie serve</code>
au démarrage : elle contient <code>?token=…</code>.</p>
<p lang="en">Missing or wrong session token. Open the address printed by <code>regie serve</code>
when it started: it contains <code>?token=…</code>.</p>
</body></html>
`;

export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': contentSecurityPolicy(),
} as const;
