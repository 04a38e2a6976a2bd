/** One tile of the overview sprite: the picture shown when hovering that time on the seek bar. */
export interface OverviewCue {
  start: number;
  end: number;
  image: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const clock = (text: string): number => {
  const parts = text.trim().split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
};

/** Reads Pod's overview.vtt: cues whose text is `overview.png#xywh=x,y,w,h`. */
export function parseOverviewVtt(text: string, baseUrl: string): OverviewCue[] {
  const cues: OverviewCue[] = [];
  const blocks = text.replace(/\r/g, '').split(/\n\n+/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const timing = lines.findIndex((l) => l.includes('-->'));
    const target = lines[timing + 1];
    if (timing === -1 || target === undefined) continue;
    const [from = '', to = ''] = (lines[timing] ?? '').split('-->');
    const match = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target.trim());
    if (!match) continue;
    cues.push({
      start: clock(from),
      end: clock(to),
      image: new URL(match[1] ?? '', baseUrl).href,
      x: Number(match[2]),
      y: Number(match[3]),
      w: Number(match[4]),
      h: Number(match[5]),
    });
  }
  return cues;
}

export const cueAt = (cues: readonly OverviewCue[], time: number): OverviewCue | undefined =>
  cues.find((c) => time >= c.start && time < c.end) ?? cues.at(-1);
