import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * A stand-in for a BBB server's presentation player (our own page, not bbb-playback): the left
 * half of `#presentation` takes one colour per whole second of playback time, the right half
 * shows the "slide" image for that time, served after a delay like a real slide download. Player
 * controls sit over it as on the real page, and the page may try to reach another server.
 */
export interface FakePlayerOptions {
  /** How long each slide image takes to arrive. */
  slideDelayMs?: number;
  /** An origin the page tries to fetch from, load an image from and open as a popup. */
  foreign?: string;
}

export type Rgb = [number, number, number];

/** Colour of the left half for second ⌊t⌋ (mod 8). */
export const PALETTE: Rgb[] = [
  [200, 30, 30],
  [30, 160, 40],
  [30, 60, 200],
  [220, 180, 20],
  [20, 180, 180],
  [120, 40, 160],
  [240, 120, 20],
  [90, 90, 90],
];
/** Slide n (1-based) starts at SLIDE_STARTS[n - 1] seconds. */
export const SLIDE_STARTS = [0, 5, 10];
export const SLIDE_COLOURS: Rgb[] = [
  [250, 200, 200],
  [200, 250, 200],
  [200, 200, 250],
];

export const colourAt = (time: number): Rgb =>
  PALETTE[Math.floor(time) % PALETTE.length] ?? [0, 0, 0];
export const slideColourAt = (time: number): Rgb =>
  SLIDE_COLOURS[SLIDE_STARTS.filter((start) => start <= time).length - 1] ?? [0, 0, 0];

export interface FakePlayer {
  origin: string;
  /** The player page of `recordId`; `nopresentation` is a page without `#presentation`. */
  url(recordId: string): string;
  /** Every path asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

const template = readFileSync(join(import.meta.dirname, 'player.html'), 'utf8');

const slidePng = (rgb: Rgb) =>
  sharp({
    create: {
      width: 400,
      height: 450,
      channels: 3,
      background: { r: rgb[0], g: rgb[1], b: rgb[2] },
    },
  })
    .png()
    .toBuffer();

/** Answers the player page and its slide images; false for any other path. */
export type FakePlayerHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The player's routes alone, for a server that also publishes the recording: the capture method
 * wants the player on the recording's own origin, as on a BBB server.
 */
export async function makeFakePlayerHandler(
  options: FakePlayerOptions = {},
): Promise<FakePlayerHandler> {
  const slides = await Promise.all(SLIDE_COLOURS.map(slidePng));
  const config = JSON.stringify({
    palette: PALETTE,
    slideStarts: SLIDE_STARTS,
    foreign: options.foreign ?? null,
  });
  const page = template.replace('__CONFIG__', config);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const slide = /^\/playback\/presentation\/2\.3\/[^/]+\/slide\/(\d+)\.png$/.exec(path);
    const player = /^\/playback\/presentation\/2\.3\/([^/]+)$/.exec(path);
    if (!slide && !player) return false;
    if (slide) {
      const png = slides[Number(slide[1]) - 1];
      if (!png) res.writeHead(404).end();
      else
        setTimeout(
          () => res.writeHead(200, { 'content-type': 'image/png' }).end(png),
          options.slideDelayMs ?? 0,
        );
      return true;
    }
    const html =
      player?.[1] === 'nopresentation' ? page.replace('id="presentation"', 'id="elsewhere"') : page;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    return true;
  };
}

export async function startFakePlayer(options: FakePlayerOptions = {}): Promise<FakePlayer> {
  const handle = await makeFakePlayerHandler(options);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push((req.url ?? '/').split('?')[0] ?? '/');
    if (!handle(req, res)) res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (recordId) => `${origin}/playback/presentation/2.3/${recordId}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
