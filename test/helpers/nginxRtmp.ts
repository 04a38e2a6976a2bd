import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, LOOPBACK, spawnServer, stopServer, waitForTcp } from './servers';
import { makeTempDir, removeTempDir } from './tempDir';

// A real RTMP-in, HLS-out server for one test: Debian's nginx with libnginx-mod-rtmp, configured
// as /work/shared/recipes/test-servers.md §3 (everything in a temp dir, loopback, foreground), and
// an ffmpeg test-pattern publisher standing in for SIPMediaGW's stream (reference/bbb.md §4.1).

const NGINX = '/usr/sbin/nginx';
const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

// `user root root;` as root: workers would otherwise run as `nobody` and fail to enter the 0700
// temp dir (recipes §3). The rtmp module's access_log defaults to /var/log/nginx even with the
// http one set; the *_temp_path lines keep an unprivileged nginx out of /var/lib/nginx.
const config = `\${USER_LINE}
load_module ${RTMP_MODULE};
daemon off;
worker_processes 1;
pid \${T}/nginx.pid;
error_log \${T}/error.log info;
events { worker_connections 64; }
rtmp {
  server {
    listen ${LOOPBACK}:\${RTMP_PORT};
    chunk_size 4096;
    access_log \${T}/rtmp-access.log;
    application live {
      live on; record off;
      hls on; hls_path \${T}/hls; hls_fragment 1s; hls_playlist_length 6s; hls_cleanup \${CLEANUP};
    }
  }
}
http {
  access_log \${T}/access.log;
  client_body_temp_path \${T}/tmp/body; proxy_temp_path \${T}/tmp/proxy;
  fastcgi_temp_path \${T}/tmp/fastcgi; uwsgi_temp_path \${T}/tmp/uwsgi; scgi_temp_path \${T}/tmp/scgi;
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; text/html html; application/javascript js; }
  server {
    listen ${LOOPBACK}:\${HTTP_PORT};
    location /hls/ {
      alias \${T}/hls/;
      add_header Cache-Control no-cache;
      add_header Access-Control-Allow-Origin *;
    }
  }
}
`;

export interface NginxRtmp {
  /** `rtmp://127.0.0.1:<port>/live/<name>`: where a publisher pushes. */
  rtmpUrl(name: string): string;
  /** `http://127.0.0.1:<port>/hls/<name>.m3u8`: the playlist nginx writes for that stream. */
  hlsUrl(name: string): string;
  /** Where playlists and segments are written (`<name>.m3u8`, `<name>-<n>.ts`). */
  hlsDir: string;
  /** nginx's output and error log, for failure messages. */
  tail(): string;
  close(): Promise<void>;
}

export interface NginxRtmpOptions {
  /**
   * nginx-rtmp's `hls_cleanup` (default on, as Debian ships it): deletes the playlist and segments
   * some time after the publisher leaves (reference/bbb.md §5), so a player then sees 404s. Off:
   * they stay, and a stream that stopped looks stale rather than gone.
   */
  hlsCleanup?: boolean;
}

/** Starts nginx-rtmp on two free loopback ports (RTMP, HTTP); resolves once both accept. */
export async function startNginxRtmp(options: NginxRtmpOptions = {}): Promise<NginxRtmp> {
  const dir = makeTempDir();
  try {
    const hlsDir = join(dir, 'hls');
    mkdirSync(hlsDir);
    mkdirSync(join(dir, 'tmp'));
    const rtmpPort = await freePort();
    const httpPort = await freePort();
    const configFile = join(dir, 'nginx.conf');
    writeFileSync(
      configFile,
      config
        .replaceAll('${USER_LINE}', process.getuid?.() === 0 ? 'user root root;' : '')
        .replaceAll('${RTMP_PORT}', String(rtmpPort))
        .replaceAll('${HTTP_PORT}', String(httpPort))
        .replaceAll('${CLEANUP}', options.hlsCleanup === false ? 'off' : 'on')
        .replaceAll('${T}', dir),
    );
    // -p: the prefix (relative paths, but every path above is absolute); -e: the start-up log,
    // which otherwise goes to /var/log/nginx before the config is read.
    const server = spawnServer({
      name: 'nginx-rtmp',
      command: NGINX,
      args: ['-p', dir, '-e', join(dir, 'error.log'), '-c', configFile],
    });
    const errorLog = () => {
      try {
        return readFileSync(join(dir, 'error.log'), 'utf8').split('\n').slice(-40).join('\n');
      } catch {
        return '';
      }
    };
    try {
      await waitForTcp(rtmpPort, { server });
      await waitForTcp(httpPort, { server });
    } catch (error) {
      await stopServer(server);
      throw new Error(`${String(error)}\n${errorLog()}`, { cause: error });
    }
    return {
      rtmpUrl: (name) => `rtmp://${LOOPBACK}:${String(rtmpPort)}/live/${name}`,
      hlsUrl: (name) => `http://${LOOPBACK}:${String(httpPort)}/hls/${name}.m3u8`,
      hlsDir,
      tail: () => `${server.tail()}\n${errorLog()}`,
      async close() {
        // SIGTERM: nginx's fast shutdown; the master stops its worker before it exits.
        await stopServer(server);
        removeTempDir(dir);
      },
    };
  } catch (error) {
    removeTempDir(dir);
    throw error;
  }
}

export interface TestStream {
  pid: number;
  /** ffmpeg's last lines, for failure messages. */
  tail(): string;
  hasExited(): boolean;
  /** Resolves when ffmpeg has exited (by itself after `seconds`, or stopped). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGINT (ffmpeg closes the stream cleanly), SIGKILL after `timeoutMs`; resolves on exit. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export interface TestStreamOptions {
  /** Stop by itself after this long (`-t`); default: until stopped. */
  seconds?: number;
  /** Default `320x240`. */
  size?: string;
}

/**
 * ffmpeg publishing a test pattern and a tone to `rtmpUrl` in real time, as recipes §3 does:
 * one keyframe a second (`-g 25` at 25 fps) so nginx cuts 1 s fragments.
 */
export function pushTestStream(rtmpUrl: string, options: TestStreamOptions = {}): TestStream {
  const size = options.size ?? '320x240';
  const duration = options.seconds === undefined ? [] : ['-t', String(options.seconds)];
  const server = spawnServer({
    name: 'ffmpeg push',
    command: 'ffmpeg',
    // prettier-ignore
    args: [
      '-hide_banner', '-nostdin', '-loglevel', 'warning',
      '-re', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=25`,
      '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
      ...duration,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '25',
      '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k',
      '-f', 'flv', rtmpUrl,
    ],
  });
  return {
    pid: server.pid,
    tail: server.tail,
    hasExited: server.hasExited,
    exited: server.exited,
    stop: (stopOptions = {}) =>
      stopServer(server, { signal: 'SIGINT', timeoutMs: stopOptions.timeoutMs ?? 5000 }),
  };
}
