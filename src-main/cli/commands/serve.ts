import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startHost } from '../../host/server';
import { integerOption } from '../commandLine';
import { withApp } from '../context';
import { UsageError } from '../io';
import { leaf, type LeafContext } from '../spec';

/** Where the built renderer sits next to the built CLI (out/node → out/renderer). */
export const defaultStaticDir = (): string =>
  fileURLToPath(new URL('../renderer/', import.meta.url));

const options = {
  host: { type: 'string', value: 'H', help: 'the address to listen on (127.0.0.1)' },
  port: { type: 'string', value: 'P', help: 'the port (0: any free one)' },
  'no-open': { type: 'boolean', help: 'do not open a browser' },
  'allow-remote': {
    type: 'boolean',
    help: 'listen on another address than loopback (needs --token-file)',
  },
  'token-file': { type: 'string', value: 'F', help: 'the session token (else REGIE_TOKEN)' },
  static: { type: 'string', value: 'DIR', help: 'the built renderer (else REGIE_STATIC_DIR)' },
} as const;

export const serveCommand = leaf({
  name: 'serve',
  summary: 'run the web console (127.0.0.1, a session token in the printed URL)',
  options,
  run: serve,
});

async function serve(ctx: LeafContext<typeof options>): Promise<void> {
  const { values } = ctx;
  const port = integerOption(values.port, 'port');
  if (port !== undefined && port > 65535)
    throw new UsageError(`--port must be 0–65535, not ${String(port)}`);
  const token = readToken(values['token-file'], ctx.io.env);

  await withApp(ctx.io, { ...values, watch: true }, async (app) => {
    const host = await startHost({
      app,
      staticDir: values.static ?? ctx.io.env.REGIE_STATIC_DIR ?? defaultStaticDir(),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(token !== undefined ? { token } : {}),
      allowRemote: values['allow-remote'] === true,
    });
    ctx.io.out(
      values.json
        ? `${JSON.stringify({ url: host.url, port: host.port, dataDir: app.dataDir })}\n`
        : `Régie console: ${host.url}\nData: ${app.dataDir}\nCtrl+C to stop.\n`,
    );
    if (values['no-open'] !== true) openBrowser(host.url, ctx.io.err);
    await ctx.io.untilStopped();
    await host.close();
  });
}

function readToken(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (file === undefined) return env.REGIE_TOKEN || undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new UsageError(
      `--token-file: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function openBrowser(url: string, err: (text: string) => void): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () =>
    err(`Could not open a browser (${command}); open the address above yourself.\n`),
  );
  child.unref();
}
