import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, LOOPBACK, spawnServer, stopServer, waitForTcp } from './servers';
import { makeTempDir, removeTempDir } from './tempDir';

// A real proftpd for one test: /work/shared/recipes/test-servers.md §1. One virtual user from an
// AuthUserFile (crypt hash, no system account), jailed in the drop root, passive ports on
// loopback, config, pid, scoreboard and logs in a temp dir of its own.

const PROFTPD = '/usr/sbin/proftpd';

// DefaultRoot needs chroot(2), so root only: unprivileged, sessions start in the drop root
// (the user's home) without the jail, as in the recipe.
const config = `ServerType            standalone
ServerName            "regie-test"
UseIPv6               off
DefaultAddress        ${LOOPBACK}
SocketBindTight       on
Port                  \${PORT}
PassivePorts          \${PASV_MIN} \${PASV_MAX}
MasqueradeAddress     ${LOOPBACK}
User                  \${USER}
Group                 \${GROUP}
PidFile               \${T}/proftpd.pid
ScoreboardFile        \${T}/proftpd.scoreboard
DelayTable            none
WtmpLog               off
UseReverseDNS         off
SystemLog             \${T}/proftpd.log
TransferLog           \${T}/xfer.log
AuthOrder             mod_auth_file.c
AuthUserFile          \${T}/ftpd.passwd
AuthGroupFile         \${T}/ftpd.group
RequireValidShell     off
RootLogin             on
AllowOverwrite        on
AllowStoreRestart     on
Umask                 022
\${DEFAULT_ROOT}
<IfModule mod_cap.c>
  CapabilitiesEngine  off
</IfModule>
`;

export interface Proftpd {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Where logins land (DefaultRoot when the tests run as root). */
  root: string;
  /** The server's own output and its SystemLog, for failure messages. */
  tail(): string;
  /** TransferLog lines (xferlog format), one per finished or aborted transfer. */
  transfers(): string[];
  stop(): Promise<void>;
}

export interface ProftpdOptions {
  /** The folder the FTP user writes into: the recorders drop root. */
  root: string;
  user?: string;
  password?: string;
}

/** Starts proftpd on a free loopback port with passive ports 10 from a random base. */
export async function startProftpd(options: ProftpdOptions): Promise<Proftpd> {
  const user = options.user ?? 'recorder';
  const password = options.password ?? 'Secr3t-ftp';
  const dir = makeTempDir();
  try {
    const { uid, gid } = userInfo();
    const groupName = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], {
      input: `${password}\n`,
      encoding: 'utf8',
    }).trim();
    const passwdFile = join(dir, 'ftpd.passwd');
    const groupFile = join(dir, 'ftpd.group');
    writeFileSync(
      passwdFile,
      `${user}:${hash}:${String(uid)}:${String(gid)}::${options.root}:/bin/false\n`,
    );
    writeFileSync(groupFile, `${user}:x:${String(gid)}:\n`);
    chmodSync(passwdFile, 0o600);
    chmodSync(groupFile, 0o600);

    const port = await freePort();
    const pasvMin = 40000 + Math.floor(Math.random() * 1999) * 10;
    const configFile = join(dir, 'proftpd.conf');
    writeFileSync(
      configFile,
      config
        .replaceAll('${PORT}', String(port))
        .replaceAll('${PASV_MIN}', String(pasvMin))
        .replaceAll('${PASV_MAX}', String(pasvMin + 9))
        .replaceAll('${USER}', userInfo().username)
        .replaceAll('${GROUP}', groupName)
        .replaceAll('${T}', dir)
        .replaceAll('${DEFAULT_ROOT}', uid === 0 ? 'DefaultRoot           ~' : ''),
    );

    // -n: foreground, -q: quiet start-up, -c: our config only.
    const server = spawnServer({
      name: 'proftpd',
      command: PROFTPD,
      args: ['-n', '-q', '-c', configFile],
    });
    const systemLog = () => {
      try {
        return readFileSync(join(dir, 'proftpd.log'), 'utf8');
      } catch {
        return '';
      }
    };
    try {
      await waitForTcp(port, { server });
    } catch (error) {
      await stopServer(server);
      throw new Error(`${String(error)}\n${systemLog()}`, { cause: error });
    }
    return {
      host: LOOPBACK,
      port,
      user,
      password,
      root: options.root,
      tail: () => `${server.tail()}\n${systemLog()}`,
      transfers: () => {
        try {
          return readFileSync(join(dir, 'xfer.log'), 'utf8').split('\n').filter(Boolean);
        } catch {
          return [];
        }
      },
      async stop() {
        // SIGTERM: the session children die with the listener.
        await stopServer(server);
        removeTempDir(dir);
      },
    };
  } catch (error) {
    removeTempDir(dir);
    throw error;
  }
}
