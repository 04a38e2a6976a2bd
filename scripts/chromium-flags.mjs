// Flags for Debian's Chromium in tests and benchmarks (../shared/recipes/test-servers.md §7):
// no background traffic, and the host-resolver rule keeps it from looking up Google's hosts.
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
