import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, isAbsolute, join, resolve, sep } from 'node:path';
import { RegieError, bi } from '../ground/errors';
import { ProgramError, run } from './run';

export type ProgramName = 'ffmpeg' | 'ffprobe';

/** Pod's setting names (reference/pod-behaviour.md §2.5), so an imported Pod configuration applies. */
export const programSettingKeys: Readonly<Record<ProgramName, string>> = {
  ffmpeg: 'FFMPEG_CMD',
  ffprobe: 'FFPROBE_CMD',
};

/** The npm packages that may carry a copy of each program (DESIGN.md: setting → bundled → PATH). */
const bundledPackages: Readonly<Record<ProgramName, string>> = {
  ffmpeg: 'ffmpeg-static',
  ffprobe: 'ffprobe-static',
};

export type ProgramSource = 'setting' | 'bundled' | 'path';

export interface ResolvedProgram {
  path: string;
  source: ProgramSource;
}

export interface ResolveProgramOptions {
  /** The setting's value: a path, or a bare name looked up on the PATH. Empty means unset. */
  setting?: string;
  /** The setting's name, for messages. Default `FFMPEG_CMD` / `FFPROBE_CMD`. */
  settingKey?: string;
  /** Where PATH is read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * The bundled copy. Undefined: ask `ffmpeg-static` / `ffprobe-static` if installed. A string: that
   * file (e.g. Electron's resources folder when packaged). Null: no bundled copy.
   */
  bundledPath?: string | null;
}

/** Where `name` will be run from: the setting, else a bundled copy, else the system PATH. */
export function locateProgram(
  name: ProgramName,
  options: ResolveProgramOptions = {},
): ResolvedProgram {
  const env = options.env ?? process.env;
  const settingKey = options.settingKey ?? programSettingKeys[name];
  const setting = options.setting?.trim() ?? '';

  if (setting !== '')
    return { path: fromSetting(name, setting, settingKey, env), source: 'setting' };

  const bundled =
    options.bundledPath === undefined ? bundledCopy(name) : (options.bundledPath ?? null);
  if (bundled !== null && isExecutableFile(bundled)) return { path: bundled, source: 'bundled' };

  const onPath = findOnPath(name, env);
  if (onPath !== null) return { path: onPath, source: 'path' };

  const searched = pathEntries(env).join(delimiter) || '(empty)';
  throw new RegieError(
    'unavailable',
    bi(
      `${name} was not found: ${settingKey} is not set, no bundled copy (${bundledPackages[name]}) ` +
        `is installed, and there is no "${name}" on the PATH (${searched}). Install ffmpeg ` +
        `(Debian/Ubuntu: sudo apt-get install ffmpeg; other systems: https://ffmpeg.org/download.html), ` +
        `or set ${settingKey} to the full path of ${name}.`,
      `${name} est introuvable : ${settingKey} n'est pas renseigné, aucune copie intégrée ` +
        `(${bundledPackages[name]}) n'est installée et aucun « ${name} » n'est dans le PATH ` +
        `(${searched}). Installez ffmpeg (Debian/Ubuntu : sudo apt-get install ffmpeg ; ` +
        `autres systèmes : https://ffmpeg.org/download.html), ou indiquez dans ${settingKey} ` +
        `le chemin complet de ${name}.`,
    ),
  );
}

/** The path `name` will be run from; see locateProgram. */
export function resolveProgram(name: ProgramName, options: ResolveProgramOptions = {}): string {
  return locateProgram(name, options).path;
}

function fromSetting(
  name: ProgramName,
  setting: string,
  settingKey: string,
  env: NodeJS.ProcessEnv,
): string {
  // Pod's own default is the bare name `ffmpeg`, run through the PATH; accept that form too.
  const isBareName = !setting.includes('/') && !setting.includes(sep);
  if (isBareName) {
    const found = findOnPath(setting, env);
    if (found !== null) return found;
    throw new RegieError(
      'unavailable',
      bi(
        `The setting ${settingKey} is "${setting}", but no program of that name is on the PATH. ` +
          `Set ${settingKey} to the full path of ${name}, or clear it to use the bundled or system ${name}.`,
        `Le paramètre ${settingKey} vaut « ${setting} », mais aucun programme de ce nom n'est dans ` +
          `le PATH. Indiquez dans ${settingKey} le chemin complet de ${name}, ou videz-le pour ` +
          `utiliser le ${name} intégré ou celui du système.`,
      ),
    );
  }
  const path = isAbsolute(setting) ? setting : resolve(setting);
  const problem = executableProblem(path);
  if (problem === null) return path;
  const [en, fr] =
    problem === 'missing'
      ? ['does not exist', "n'existe pas"]
      : problem === 'not_a_file'
        ? ['is not a file', "n'est pas un fichier"]
        : ['is not executable', "n'est pas exécutable"];
  throw new RegieError(
    'unavailable',
    bi(
      `The setting ${settingKey} points to "${path}", which ${en}. Fix the path, or clear ` +
        `${settingKey} to use the bundled or system ${name}.`,
      `Le paramètre ${settingKey} désigne « ${path} », qui ${fr}. Corrigez le chemin, ou videz ` +
        `${settingKey} pour utiliser le ${name} intégré ou celui du système.`,
    ),
  );
}

/** The binary path exported by ffmpeg-static / ffprobe-static, when one is installed. */
function bundledCopy(name: ProgramName): string | null {
  try {
    const required: unknown = createRequire(import.meta.url)(bundledPackages[name]);
    // ffmpeg-static exports the path itself; ffprobe-static exports `{ path }`.
    const path =
      typeof required === 'string'
        ? required
        : typeof required === 'object' && required !== null && 'path' in required
          ? required.path
          : null;
    if (typeof path !== 'string') return null;
    // Inside a packaged Electron app the binary sits in the unpacked copy of the archive.
    return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  } catch {
    // Not installed (the usual case here: npm may not download its binary): fall through to PATH.
    return null;
  }
}

function pathEntries(env: NodeJS.ProcessEnv): string[] {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  // An empty entry means "the current directory" to a shell; never run a binary from there.
  return (env[key] ?? '').split(delimiter).filter((dir) => dir !== '' && isAbsolute(dir));
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  const extensions =
    process.platform === 'win32'
      ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)]
      : [''];
  for (const dir of pathEntries(env)) {
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

type ExecutableProblem = 'missing' | 'not_a_file' | 'not_executable';

function executableProblem(path: string): ExecutableProblem | null {
  try {
    if (!statSync(path).isFile()) return 'not_a_file';
  } catch {
    // stat fails for a missing file and for a dangling link alike: both mean "not there".
    return 'missing';
  }
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    // EACCES: the file exists but this user may not run it.
    return 'not_executable';
  }
}

export const isExecutableFile = (path: string): boolean => executableProblem(path) === null;

export interface SelfTestResult {
  ffmpegVersion: string;
  ffprobeVersion: string;
}

export interface SelfTestOptions {
  /** Per command. Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The null encode run by the self-test: one second of test pattern, decoded and thrown away. */
export const selfTestEncodeArgs: readonly string[] = [
  '-hide_banner',
  '-nostdin',
  '-f',
  'lavfi',
  '-i',
  'testsrc=duration=1:size=64x64:rate=10',
  '-f',
  'null',
  '-',
];

/**
 * Checks at start-up that both programs run and that ffmpeg can encode, so a broken install fails
 * with a clear message before the first job rather than during it (STYLE.md).
 */
export async function selfTest(
  ffmpegPath: string,
  ffprobePath: string,
  options: SelfTestOptions = {},
): Promise<SelfTestResult> {
  const runOptions = { timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal };
  const ffmpegVersion = await versionOf('ffmpeg', ffmpegPath, runOptions);
  const ffprobeVersion = await versionOf('ffprobe', ffprobePath, runOptions);
  try {
    await run(ffmpegPath, selfTestEncodeArgs, runOptions);
  } catch (error) {
    throw selfTestError(
      'ffmpeg',
      ffmpegPath,
      'a one-second test encode',
      'un encodage test',
      error,
    );
  }
  return { ffmpegVersion, ffprobeVersion };
}

/** `ffmpeg version 5.1.6-0+deb12u1 Copyright …` → `5.1.6-0+deb12u1`. */
export function parseVersionLine(name: ProgramName, firstLine: string): string | null {
  const match = new RegExp(`^${name} version (\\S+)`).exec(firstLine.trim());
  return match?.[1] ?? null;
}

async function versionOf(
  name: ProgramName,
  path: string,
  runOptions: { timeoutMs: number; signal: AbortSignal | undefined },
): Promise<string> {
  let stdout: string;
  try {
    ({ stdout } = await run(path, ['-version'], runOptions));
  } catch (error) {
    throw selfTestError(name, path, '-version', '-version', error);
  }
  const firstLine = stdout.split('\n', 1)[0] ?? '';
  const version = parseVersionLine(name, firstLine);
  if (version !== null) return version;
  const seen = firstLine.trim() === '' ? '(nothing)' : `"${firstLine.trim().slice(0, 120)}"`;
  throw new RegieError(
    'unavailable',
    bi(
      `${path} does not look like ${name}: "${name} -version" printed ${seen}. ` +
        `Check ${programSettingKeys[name]} or the ${name} installation.`,
      `${path} ne semble pas être ${name} : « ${name} -version » a affiché ${seen}. ` +
        `Vérifiez ${programSettingKeys[name]} ou l'installation de ${name}.`,
    ),
  );
}

function selfTestError(
  name: ProgramName,
  path: string,
  stepEn: string,
  stepFr: string,
  error: unknown,
): unknown {
  if (!(error instanceof ProgramError) || error.failure === 'aborted') return error;
  const tail = error.lastLines(20).join('\n');
  const whatEn =
    error.failure === 'spawn'
      ? 'could not be started'
      : error.failure === 'timeout'
        ? 'did not finish in time'
        : `failed (exit code ${String(error.exitCode ?? error.exitSignal)})`;
  const whatFr =
    error.failure === 'spawn'
      ? "n'a pas pu être lancé"
      : error.failure === 'timeout'
        ? "n'a pas terminé à temps"
        : `a échoué (code de sortie ${String(error.exitCode ?? error.exitSignal)})`;
  const tailEn = tail === '' ? '' : `\nLast lines of its output:\n${tail}`;
  const tailFr = tail === '' ? '' : `\nDernières lignes affichées :\n${tail}`;
  return new RegieError(
    'unavailable',
    bi(
      `${name} self-test: ${path} ${whatEn} during ${stepEn}. Command: ${error.commandLine}${tailEn}`,
      `Auto-test de ${name} : ${path} ${whatFr} pendant ${stepFr}. Commande : ${error.commandLine}${tailFr}`,
    ),
    { cause: error },
  );
}
