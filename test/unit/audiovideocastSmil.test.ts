import { describe, expect, it } from 'vitest';
import {
  decodeSmilBytes,
  parseClockValue,
  parseSmil,
  roundHalfEven,
  slidesFromImages,
  type SmilImage,
} from '../../src-main/audiovideocast';
import { thrownBy } from '../helpers/errors';
import { mediacoursSmil } from '../helpers/zips';

describe('parseSmil (pod-behaviour.md §1.5.2)', () => {
  it('reads a mediacours SMIL with its DOCTYPE: media, images in order, title', () => {
    const smil = parseSmil(
      mediacoursSmil({
        images: [
          { src: 'screenshots/D1.jpg', begin: '0.0' },
          { src: 'screenshots/D2.jpg', begin: '12.47' },
        ],
      }),
    );
    expect(smil).toEqual({
      mediaSrc: 'pod.mp4',
      title: 'Cours de chimie',
      images: [
        { src: 'screenshots/D1.jpg', begin: 0 },
        { src: 'screenshots/D2.jpg', begin: 12.47 },
      ],
    });
  });

  it('keeps document order across nested <par>/<a>/<seq> (same-name siblings are not grouped)', () => {
    const xml = `<smil><body><par>
      <a href="1"><img begin="1" src="s1.jpg"/></a>
      <img begin="2" src="s2.jpg"/>
      <seq><a><img begin="3" src="s3.jpg"/></a><par><img begin="4" src="s4.jpg"/></par></seq>
      <a><img begin="5" src="s5.jpg"/></a>
      <img begin="6" src="s6.jpg"/>
      <video src="v.mp4"/>
    </par></body></smil>`;
    expect(parseSmil(xml).images.map((i) => i.src)).toEqual([
      's1.jpg',
      's2.jpg',
      's3.jpg',
      's4.jpg',
      's5.jpg',
      's6.jpg',
    ]);
  });

  it('takes the first <audio> anywhere, even after a <video> (§8.1.13)', () => {
    const xml = `<smil><body><par><video src="v.mp4"/><par><audio src="a1.mp3"/></par>
      <audio src="a2.mp3"/></par></body></smil>`;
    expect(parseSmil(xml).mediaSrc).toBe('a1.mp3');
  });

  it('takes the first <video> when there is no <audio>', () => {
    const xml = '<smil><body><video src="v1.mp4"/><video src="v2.mp4"/></body></smil>';
    expect(parseSmil(xml).mediaSrc).toBe('v1.mp4');
  });

  it('stops with "No video source found" when there is no media, or the first <audio> has no src', () => {
    for (const body of ['<img begin="1" src="a.jpg"/>', '<audio/><video src="v.mp4"/>']) {
      const error = thrownBy(() => parseSmil(`<smil><body>${body}</body></smil>`, 'x.smil'));
      expect(error.code).toBe('validation');
      expect(error.text.en).toMatch(/^x\.smil: No video source found/);
      expect(error.text.fr).toMatch(/^x\.smil : aucune source vidéo trouvée/);
    }
  });

  it('gives a null title without <meta name="title">, and ignores other metas', () => {
    const xml = '<smil><head><meta name="author" content="A"/></head><video src="v"/></smil>';
    expect(parseSmil(xml).title).toBeNull();
  });

  it('refuses malformed XML, naming the SMIL and the position', () => {
    const error = thrownBy(() =>
      parseSmil('<smil><body><video src="v.mp4"></body></smil>', 'pod.zip › pod/cours.smil'),
    );
    expect(error.code).toBe('validation');
    expect(error.text.en).toMatch(/^pod\.zip › pod\/cours\.smil: the SMIL is not well-formed XML/);
    expect(error.text.en).toMatch(/line 1/);
  });

  it('refuses a document whose root is not <smil>, or text that is not XML', () => {
    expect(thrownBy(() => parseSmil('<html><video src="v"/></html>')).text.en).toMatch(
      /not a SMIL document/,
    );
    expect(thrownBy(() => parseSmil('<smil/><smil/>')).text.en).toMatch(/not a SMIL document/);
    expect(thrownBy(() => parseSmil('PK\u0003\u0004 binary')).text.en).toMatch(/not well-formed/);
  });

  it('refuses a DOCTYPE declaring entities (billion laughs) before parsing', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE smil [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<smil><head><meta name="title" content="&lol3;"/></head><video src="v.mp4"/></smil>`;
    const error = thrownBy(() => parseSmil(lol));
    expect(error.code).toBe('validation');
    expect(error.text.en).toMatch(/entities/);
  });

  it('refuses an external entity (XXE) and an internal subset without entities', () => {
    const xxe = `<!DOCTYPE smil [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<smil><video src="&xxe;"/></smil>`;
    expect(thrownBy(() => parseSmil(xxe)).text.en).toMatch(/entities/);
    const subset = '<!DOCTYPE smil [<!ELEMENT smil ANY>]><smil><video src="v"/></smil>';
    expect(thrownBy(() => parseSmil(subset)).text.en).toMatch(/internal subset/);
  });

  it('refuses a reference to an undeclared entity, and decodes predefined ones only once', () => {
    expect(thrownBy(() => parseSmil('<smil><video src="&foo;"/></smil>')).text.en).toMatch(
      /unknown or broken reference "&foo;"/,
    );
    const xml = '<smil><video src="a&amp;lt;b&#233;&#x41;&quot;.mp4"/></smil>';
    expect(parseSmil(xml).mediaSrc).toBe('a&lt;béA".mp4');
  });

  it('fails cleanly (a RegieError) on absurd nesting', () => {
    const deep = `<smil>${'<par>'.repeat(100_000)}${'</par>'.repeat(100_000)}</smil>`;
    expect(thrownBy(() => parseSmil(deep)).code).toBe('validation');
  });

  it('returns NaN for a missing or unreadable begin, for slidesFromImages to refuse', () => {
    const xml = '<smil><img src="a.jpg"/><img src="b.jpg" begin="soon"/><video src="v"/></smil>';
    const images = parseSmil(xml).images;
    expect(images.map((i) => i.begin)).toEqual([NaN, NaN]);
  });
});

describe('decodeSmilBytes', () => {
  it('honours a UTF-8 BOM and a declared ISO-8859-1 encoding', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<smil>é</smil>')]);
    expect(decodeSmilBytes(bom)).toBe('<smil>é</smil>');
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><smil><meta name="title" content="Été"/><video src="v"/></smil>',
      'latin1',
    );
    expect(parseSmil(decodeSmilBytes(latin1)).title).toBe('Été');
  });

  it('refuses bytes that are not valid in the encoding, naming the file', () => {
    const bad = Buffer.from([0x3c, 0x73, 0xff, 0xfe, 0x3e]);
    const error = thrownBy(() => decodeSmilBytes(bad, 'pod/cours.smil'));
    expect(error.text.en).toBe('pod/cours.smil: the file is not valid utf-8 text');
  });
});

describe('parseClockValue', () => {
  it.each([
    ['12.34', 12.34],
    [' 3 ', 3],
    ['+4', 4],
    ['.5', 0.5],
    ['1e1', 10],
    ['-2', -2],
    ['12s', 12],
    ['1500ms', 1.5],
    ['2min', 120],
    ['1h', 3600],
    ['01:02:03.5', 3723.5],
    ['02:03', 123],
  ])('reads %j as %d seconds', (text, seconds) => {
    expect(parseClockValue(text)).toBeCloseTo(seconds, 9);
  });

  it.each([[''], ['soon'], ['1:2'], ['00:61'], ['12 s'], ['0x10'], [undefined]])(
    'gives NaN for %j',
    (text) => {
      expect(parseClockValue(text)).toBeNaN();
    },
  );
});

describe('roundHalfEven (pod-behaviour.md §8.1.13: Python round, not Math.round)', () => {
  // Expected values printed by CPython 3: int(round(x)).
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [4.5, 4],
    [12.5, 12],
    [13.5, 14],
    [-0.5, 0],
    [-1.5, -2],
    [-2.5, -2],
    [-3.5, -4],
    [2.4999999, 2],
    [2.5000001, 3],
    [0.49999999999999994, 0],
    [2.675, 3],
    [4503599627370495.5, 4503599627370496],
    [7, 7],
  ])('rounds %d to %d', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfEven(-0.4), 0)).toBe(true);
  });
});

describe('slidesFromImages (pod-behaviour.md §1.5.2 step 8, §8.1.13)', () => {
  const images = (...begins: number[]): SmilImage[] =>
    begins.map((begin, i) => ({ src: `screenshots/D${String(i + 1)}.jpg`, begin }));
  const spans = (slides: { start: number; end: number }[]) => slides.map((s) => [s.start, s.end]);

  it('ends each slide one second before the next, the last at start + 1 without duration', () => {
    const slides = slidesFromImages(images(0, 12.5, 30.2, 61.5), {
      skipFirst: false,
      durationS: null,
    });
    expect(slides).toEqual([
      { index: 1, src: 'screenshots/D1.jpg', start: 0, end: 11 },
      { index: 2, src: 'screenshots/D2.jpg', start: 12, end: 29 },
      { index: 3, src: 'screenshots/D3.jpg', start: 30, end: 61 },
      { index: 4, src: 'screenshots/D4.jpg', start: 62, end: 63 },
    ]);
  });

  it('rounds half to even: 2.5 → 2 and 3.5 → 4', () => {
    const slides = slidesFromImages(images(2.5, 3.5), { skipFirst: false, durationS: null });
    expect(slides.map((s) => s.start)).toEqual([2, 4]);
  });

  it('ends the last slide at the probed duration (floored) when known and after its start', () => {
    const opts = (durationS: number | null) => ({ skipFirst: false, durationS });
    expect(spans(slidesFromImages(images(0, 10), opts(600.9)))).toEqual([
      [0, 9],
      [10, 600],
    ]);
    expect(spans(slidesFromImages(images(0, 10), opts(10.4)))).toEqual([
      [0, 9],
      [10, 11],
    ]);
    expect(spans(slidesFromImages(images(0, 10), opts(NaN)))).toEqual([
      [0, 9],
      [10, 11],
    ]);
  });

  it('never ends a slide before its start for equal or adjacent times (Pod gives end < start)', () => {
    // Pod: starts 10, 10, 11, 40 → ends 9, 10, 39, 41: the first slide ends before it starts.
    const slides = slidesFromImages(images(10, 10.4, 11, 40, 39.6), {
      skipFirst: false,
      durationS: null,
    });
    expect(spans(slides)).toEqual([
      [10, 10],
      [10, 10],
      [11, 39],
      [40, 40],
      [40, 41],
    ]);
    for (const s of slides) expect(s.end).toBeGreaterThanOrEqual(s.start);
  });

  it('departs from Pod when the next slide starts at 0 or 1: end = start, not start + 1', () => {
    expect(spans(slidesFromImages(images(0, 1, 5), { skipFirst: false, durationS: null }))).toEqual(
      [
        [0, 0],
        [1, 4],
        [5, 6],
      ],
    );
  });

  it('skips the first image when asked, numbering from 1 after it', () => {
    const slides = slidesFromImages(images(NaN, 5, 9), { skipFirst: true, durationS: 20 });
    expect(slides).toEqual([
      { index: 1, src: 'screenshots/D2.jpg', start: 5, end: 8 },
      { index: 2, src: 'screenshots/D3.jpg', start: 9, end: 20 },
    ]);
  });

  it('refuses a non-numeric or negative begin, naming the slide', () => {
    const bad = thrownBy(() =>
      slidesFromImages(images(1, NaN), { skipFirst: false, durationS: null }),
    );
    expect(bad.code).toBe('validation');
    expect(bad.text.en).toMatch(/^slide 2 \(screenshots\/D2\.jpg\): its begin time/);
    expect(bad.text.fr).toMatch(/^diapositive 2 \(screenshots\/D2\.jpg\) :/);
    const negative = thrownBy(() =>
      slidesFromImages(images(-1), { skipFirst: false, durationS: null }),
    );
    expect(negative.text.en).toMatch(/^slide 1 /);
    expect(() => slidesFromImages(images(Infinity), { skipFirst: false, durationS: null })).toThrow(
      /slide 1/,
    );
  });

  it('gives no slides for no images', () => {
    expect(slidesFromImages([], { skipFirst: true, durationS: 10 })).toEqual([]);
  });
});
