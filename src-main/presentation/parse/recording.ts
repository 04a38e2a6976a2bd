import type {
  Annotation,
  ChatMessage,
  DeskshareInterval,
  LayoutEvent,
  SlideShow,
  ViewEvent,
  Warning,
  WhiteboardFormat,
} from '../model';
import { readCursor, type CursorTrack } from './cursor';
import { LIMITS, RecordingFileError, readDocument } from './files';
import { readMetadata, type RecordingMetadata } from './metadata';
import { parseOrdered } from './ordered';
import { readSlides } from './slides';
import { readSvgAnnotations } from './svgAnnotations';
import { readChat, readDeskshare, readLayout, readPanzooms } from './timelines';
import { readTldraw } from './tldraw';

/** A published presentation recording, parsed: everything the renderer needs, nothing drawn. */
export interface Recording {
  dir: string;
  metadata: RecordingMetadata;
  format: WhiteboardFormat;
  /** tldraw.json `bbb_version` (''/unknown for ≤ 2.5). */
  bbbVersion: string;
  slides: SlideShow[];
  annotations: Annotation[];
  views: ViewEvent[];
  cursor: CursorTrack;
  deskshare: DeskshareInterval[];
  chat: ChatMessage[];
  layout: LayoutEvent[];
  warnings: Warning[];
}

export async function readRecording(dir: string, signal?: AbortSignal): Promise<Recording> {
  const warnings: Warning[] = [];
  const metadata = await readMetadata(dir);
  const durationS = metadata.durationS;
  const shapesSource = await readDocument(dir, 'shapes.svg');
  if (shapesSource === null) {
    throw new RecordingFileError(
      'shapes.svg',
      'is missing: the recording has no slides to draw. Check that the presentation format was published.',
      'est absent : l’enregistrement n’a pas de diapositives à dessiner. Vérifiez que le format presentation est publié.',
    );
  }
  const nodes = parseOrdered(shapesSource, 'shapes.svg');
  const svg = nodes.find((n) => n.name === 'svg');
  if (!svg) {
    throw new RecordingFileError('shapes.svg', 'has no <svg> element.', 'n’a pas d’élément <svg>.');
  }
  const slides = readSlides(svg, durationS, warnings);
  signal?.throwIfAborted();
  const tldrawSource = await readDocument(dir, 'tldraw.json');
  const panzooms = readPanzooms(await readDocument(dir, 'panzooms.xml'));
  let format: WhiteboardFormat = 'svg';
  let bbbVersion = '';
  let annotations: Annotation[];
  if (tldrawSource !== null && (panzooms.isTldraw || !/\bclass="canvas"/.test(shapesSource))) {
    const tldraw = readTldraw(tldrawSource, warnings);
    format = tldraw.isV2 ? 'tldraw2' : 'tldraw1';
    bbbVersion = tldraw.version;
    annotations = tldraw.annotations;
  } else {
    annotations = readSvgAnnotations(svg, warnings);
  }
  if (annotations.length > LIMITS.annotations)
    annotations = annotations.slice(0, LIMITS.annotations);
  signal?.throwIfAborted();
  const cursor = await readCursor(dir, { durationS, signal });
  return {
    dir,
    metadata,
    format,
    bbbVersion,
    slides,
    annotations,
    views: panzooms.views,
    cursor,
    deskshare: readDeskshare(await readDocument(dir, 'deskshare.xml'), durationS),
    chat: readChat(await readDocument(dir, 'slides_new.xml'), warnings),
    layout: readLayout(await readDocument(dir, 'layout.xml')),
    warnings,
  };
}
