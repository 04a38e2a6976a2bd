/**
 * Writes a synthetic BBB presentation recording, for the bench and by hand:
 *   /tmp/runts.sh test/generate/presentation/cli.ts --format tldraw2 --duration 1800 --out /tmp/rec30 \
 *     [--slides 40] [--annotations 300] [--cursor 20000] [--zooms N] [--deskshare 300-900,1200-1300]
 *     [--webcams video|audio-only|none] [--chat N] [--no-text] [--seed N] [--record-id ID]
 *   /tmp/runts.sh test/generate/presentation/cli.ts --hostile huge-cursor --out /tmp/hostile
 * Prints the result as JSON, with the seconds it took.
 */
import { parseArgs } from 'node:util';
import {
  type GenerateOptions,
  type HostileKind,
  generateHostile,
  generatePresentation,
} from './index.js';

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'tldraw2' },
    duration: { type: 'string', default: '60' },
    out: { type: 'string' },
    slides: { type: 'string', default: '40' },
    annotations: { type: 'string', default: '300' },
    cursor: { type: 'string', default: '20000' },
    zooms: { type: 'string' },
    deskshare: { type: 'string' },
    webcams: { type: 'string', default: 'video' },
    chat: { type: 'string' },
    'no-text': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    'record-id': { type: 'string' },
    hostile: { type: 'string' },
  },
});

const optional = (text: string | undefined) => (text === undefined ? undefined : Number(text));

async function main(): Promise<void> {
  if (!values.out) throw new Error('--out DIR is required / --out DOSSIER est obligatoire');
  const started = performance.now();
  const result = values.hostile
    ? await generateHostile(values.hostile as HostileKind, values.out)
    : await generatePresentation({
        format: values.format as GenerateOptions['format'],
        dir: values.out,
        durationS: Number(values.duration),
        slides: Number(values.slides),
        annotationStates: Number(values.annotations),
        cursorEvents: Number(values.cursor),
        zooms: optional(values.zooms),
        deskshare: values.deskshare?.split(',').map((range) => {
          const [start = 0, end = 0] = range.split('-').map(Number);
          return { start, end };
        }),
        webcams: values.webcams as GenerateOptions['webcams'],
        chatMessages: optional(values.chat),
        textAnnotations: !values['no-text'],
        recordId: values['record-id'],
        seed: Number(values.seed),
      });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  process.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
