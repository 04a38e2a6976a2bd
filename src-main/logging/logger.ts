import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export interface FileLoggerOptions {
  dir: string;
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
}

/**
 * One line per event, `<ISO time> <LEVEL> <text>`, into `logs/regie.log`, rotated by size
 * (regie.log.1 … .N), so `grep recorder:3 logs/regie.log*` tells one story.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  const now = options.now ?? (() => new Date());
  const file = join(options.dir, 'regie.log');
  mkdirSync(options.dir, { recursive: true });

  const rotate = () => {
    rmSync(`${file}.${String(keep)}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${file}.${String(i)}`))
        renameSync(`${file}.${String(i)}`, `${file}.${String(i + 1)}`);
    }
    renameSync(file, `${file}.1`);
  };

  const write = (level: string, line: string) => {
    if (existsSync(file) && statSync(file).size >= maxBytes) rotate();
    appendFileSync(file, `${now().toISOString()} ${level} ${line.replace(/\n/g, '\\n')}\n`);
  };
  return {
    info: (line) => write('INFO', line),
    warn: (line) => write('WARN', line),
    error: (line) => write('ERROR', line),
  };
}
