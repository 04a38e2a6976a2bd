import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  descendantsOf,
  freePort,
  killPids,
  LOOPBACK,
  spawnServer,
  stopServer,
  waitForTcp,
  type SpawnedServer,
} from './servers';

// A real OpenSSH sshd for one test: /work/shared/recipes/test-servers.md §2. Key authentication
// for the user running the tests (root included), sessions forced into internal-sftp and
// started in `${dir}/drop` (no chroot: paths on the server are the real absolute paths).

const SSHD = '/usr/sbin/sshd'; // absolute: "sshd re-exec requires execution with an absolute path"

const config = `Port \${PORT}
ListenAddress ${LOOPBACK}
HostKey \${T}/host_key
PidFile \${T}/sshd.pid
AuthorizedKeysFile \${T}/authorized_keys
AllowUsers \${USER}
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
ForceCommand internal-sftp -d \${T}/drop
AllowTcpForwarding no
LoginGraceTime 10
LogLevel VERBOSE
`;

export interface Sshd {
  host: string;
  port: number;
  username: string;
  /** OpenSSH-format ed25519 private key whose public half is the only authorized key. */
  privateKey: string;
  /** `${dir}/drop`: where sessions start; the test reads and writes it directly. */
  root: string;
  /** The SSH server's own output, for failure messages. */
  tail(): string;
  /** The PIDs of the open sessions (to freeze one with SIGSTOP, say); stop() kills them. */
  sessionPids(): number[];
  /** Drops every open SFTP session at once (SIGKILL), as a network cut would; keeps listening. */
  dropSessions(): void;
  /** Stops the listener and drops the open sessions (SIGTERM alone leaves sessions running). */
  stop(): Promise<void>;
  /** Starts again on the same port, after stop(). */
  restart(): Promise<void>;
}

/**
 * Run as root, sshd needs its privilege separation directory (the path is compiled in). Also a
 * root pitfall, not checked here: with UsePAM no, an account whose password is locked ("!", the
 * useradd default) is refused ("account is locked" in tail()); `usermod -p '*' USER` fixes it.
 */
function ensurePrivsepDir(): void {
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) {
    mkdirSync('/run/sshd', { mode: 0o755 });
  }
}

/** Starts sshd in `dir` (which the test owns and removes) on a free loopback port. */
export async function startSshd(dir: string): Promise<Sshd> {
  const username = userInfo().username;
  ensurePrivsepDir();
  const root = join(dir, 'drop');
  mkdirSync(root, { recursive: true });
  const keygen = (file: string) =>
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], { stdio: 'pipe' });
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  copyFileSync(join(dir, 'client_key.pub'), join(dir, 'authorized_keys'));
  const port = await freePort();
  const configFile = join(dir, 'sshd_config');
  writeFileSync(
    configFile,
    config
      .replaceAll('${PORT}', String(port))
      .replaceAll('${T}', dir)
      .replaceAll('${USER}', username),
  );

  let server: SpawnedServer | undefined;
  const launch = async () => {
    // -D: foreground, -e: log to stderr (kept in the tail).
    const started = spawnServer({
      name: 'sshd',
      command: SSHD,
      args: ['-D', '-e', '-f', configFile],
    });
    server = started;
    await waitForTcp(port, { server: started });
  };
  const sessions = () => (server && !server.hasExited() ? descendantsOf(server.pid) : []);
  await launch();

  return {
    host: LOOPBACK,
    port,
    username,
    privateKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    root,
    tail: () => server?.tail() ?? '',
    sessionPids: sessions,
    dropSessions: () => killPids(sessions()),
    async stop() {
      if (!server) return;
      // Sessions first, while they are still the listener's children (afterwards they belong
      // to init); then the listener, which SIGTERM alone stops.
      killPids(sessions());
      await stopServer(server);
    },
    async restart() {
      if (server && !server.hasExited()) throw new Error('sshd is still running; stop() it first');
      await launch();
    },
  };
}
