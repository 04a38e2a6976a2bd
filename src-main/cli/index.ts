import { RegieError } from '../ground/errors';
import { regieVersion } from '../ground/version';
import { encodeCommand } from './commands/encode';
import { jobsCommand, videosCommand } from './commands/jobs';
import { journalCommand } from './commands/journal';
import { bbbCommand } from './commands/bbb';
import { recorderCommand } from './commands/recorder';
import { recordingsCommand } from './commands/recordings';
import { serveCommand } from './commands/serve';
import { settingsCommand } from './commands/settings';
import { userCommand } from './commands/user';
import type { CliIo } from './io';
import { UsageError } from './io';

export const usage = `Usage: regie <command> [options]

  serve [--host H] [--port P] [--no-open] [--allow-remote --token-file F]
  user add USERNAME --first-name F --last-name L [--email E] [--staff] [--superuser]
           [--affiliation A] [--group G]...
  user list | user remove USERNAME
  recorder add --name N --directory D [--type video|audiovideocast] [--ip IP] [--salt S]
               [--manager USERNAME] [--additional-user U]... [--video-type ID] [--description T]
  recorder list | recorder remove DIRECTORY | recorder scan
  recorder sftp add --name N --host H [--port P] --user U (--password-file F | --key-file F)
                    --root /remote/dir [--poll S] [--after rename|move|leave] [--move-to D]
  recorder sftp list | recorder sftp remove NAME
  recordings list [--status S] | recordings claim ID --owner U [--title T] [--type N]
  recordings delete ID
  settings get [KEY] | settings set KEY VALUE | settings import-pod FILE [--dry-run]
  encode INPUT --out DIR [--preset P] [--renditions FILE.json] [--json]
                                          (Pod's rendition set, standalone)
  jobs list | jobs cancel ID | jobs retry ID | videos list
  journal [--limit N]                     (what happened, newest first)
  bbb server add --name N --url URL (--secret S | --secret-file F) [--checksum sha1|sha256|sha384|sha512]
                 [--auto-publish]
  bbb server list | bbb server test NAME | bbb server remove NAME
  bbb poll                                (one pass of the meetings mirror)
  bbb meetings [--running] | bbb recordings [--server NAME] [--meeting ID] [--mirror]
  bbb publish RECORD_ID --owner USERNAME [--server NAME]
  bbb match list | bbb match set ID USERNAME

Every command: --data DIR (else REGIE_DATA, else the OS app-data folder), --json, --as USERNAME.
Exit status: 0 done, 1 refused or failed, 2 bad arguments.
`;

/** Runs one command line; returns the exit status. Never calls process.exit (testable). */
export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return 0;
      case '--version':
      case 'version':
        io.out(`${regieVersion}\n`);
        return 0;
      case 'serve':
        await serveCommand({ io, args: rest });
        return 0;
      case 'user':
        await userCommand(rest[0], { io, args: rest.slice(1) });
        return 0;
      case 'recorder':
        await recorderCommand(rest[0], { io, args: rest.slice(1) });
        return 0;
      case 'recordings':
        await recordingsCommand(rest[0], { io, args: rest.slice(1) });
        return 0;
      case 'encode':
        await encodeCommand({ io, args: rest });
        return 0;
      case 'jobs':
        await jobsCommand(rest[0], { io, args: rest.slice(1) });
        return 0;
      case 'videos':
        await videosCommand(rest[0], { io, args: rest.slice(1) });
        return 0;
      case 'journal':
        await journalCommand({ io, args: rest });
        return 0;
      case 'bbb':
        await bbbCommand(rest[0], { io, args: rest.slice(1) });
        return 0;
      case 'settings':
        await settingsCommand(rest[0], { io, args: rest.slice(1) });
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`regie: ${error.message}\nRun "regie help" for usage.\n`);
      return 2;
    }
    if (error instanceof RegieError) {
      io.err(`regie: ${error.text.en}\n`);
      return error.code === 'bad_request' || error.code === 'validation' ? 2 : 1;
    }
    io.err(
      `regie: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
