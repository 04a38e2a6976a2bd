import { describe, it, expect } from 'vitest';
import {
  parsePodSettings,
  type ParsedPodSettings,
  type PyValue,
} from '../../src-main/settings/podSettingsFile';

function valuesOf(parsed: ParsedPodSettings): Record<string, PyValue> {
  return Object.fromEntries(parsed.assignments.map((a) => [a.name, a.value]));
}

function valueOf(source: string, name = 'X'): PyValue | undefined {
  return valuesOf(parsePodSettings(source))[name];
}

function skippedOf(source: string): ParsedPodSettings['skipped'] {
  return parsePodSettings(source).skipped;
}

const POD_SETTINGS_LOCAL = `# -*- coding: utf-8 -*-
"""Local settings for the Pod instance of the university."""
import os
from django.utils.translation import gettext_lazy as _

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEBUG = False
SECRET_KEY = 'change-me'

ADMINS = (("Bob", "bob@univ.fr"),)
MANAGERS = ADMINS

DEFAULT_RECORDER_PATH = "/data/ftp-pod/ftp/"  # drop folder of the recorders
ALLOW_MANUAL_RECORDING_CLAIMING = True
USE_RECORD_PREVIEW = False
DEFAULT_RECORDER_USER_ID = 1
DEFAULT_RECORDER_TYPE_ID = 1

VIDEO_ALLOWED_EXTENSIONS = (
    "3gp",
    "avi",  # still used by old recorders
    "mkv",
    "mp4",
    # "wmv" was dropped in 2023
    "webm",
)

MEETING_WEBINAR_SIPMEDIAGW_URL = "https://sip.univ.fr"

TEMPLATE_VISIBLE_SETTINGS = {"TITLE_SITE": "Pod", "LOGO": 'img/logo.svg', "N": 3}

HOMEPAGE_SHOWS_PASSWORDED = """Videos protected by a password
are listed on the home page."""

MEDIA_ROOT = BASE_DIR / "media"
FILE_UPLOAD_TEMP_DIR = os.path.join(BASE_DIR, "tmp")
WELCOME = f"Welcome to {BASE_DIR}"

if DEBUG:
    INSTALLED_APPS = ["debug_toolbar"]
    INTERNAL_IPS = ("127.0.0.1",)

EMAIL_HOST = "smtp.univ.fr"
EMAIL_PORT = 587
`;

describe('parsePodSettings on a realistic settings_local.py', () => {
  const parsed = parsePodSettings(POD_SETTINGS_LOCAL);
  const values = valuesOf(parsed);
  const skippedByLine = new Map(parsed.skipped.map((s) => [s.line, s]));

  it('reads the literal settings', () => {
    expect(values).toEqual({
      DEBUG: false,
      SECRET_KEY: 'change-me',
      ADMINS: [['Bob', 'bob@univ.fr']],
      DEFAULT_RECORDER_PATH: '/data/ftp-pod/ftp/',
      ALLOW_MANUAL_RECORDING_CLAIMING: true,
      USE_RECORD_PREVIEW: false,
      DEFAULT_RECORDER_USER_ID: 1,
      DEFAULT_RECORDER_TYPE_ID: 1,
      VIDEO_ALLOWED_EXTENSIONS: ['3gp', 'avi', 'mkv', 'mp4', 'webm'],
      MEETING_WEBINAR_SIPMEDIAGW_URL: 'https://sip.univ.fr',
      TEMPLATE_VISIBLE_SETTINGS: { TITLE_SITE: 'Pod', LOGO: 'img/logo.svg', N: 3 },
      HOMEPAGE_SHOWS_PASSWORDED: 'Videos protected by a password\nare listed on the home page.',
      EMAIL_HOST: 'smtp.univ.fr',
      EMAIL_PORT: 587,
    });
  });

  it('gives the first line of each statement', () => {
    const lines = Object.fromEntries(parsed.assignments.map((a) => [a.name, a.line]));
    expect(lines.DEBUG).toBe(8);
    expect(lines.DEFAULT_RECORDER_PATH).toBe(14);
    expect(lines.VIDEO_ALLOWED_EXTENSIONS).toBe(20);
    expect(lines.MEETING_WEBINAR_SIPMEDIAGW_URL).toBe(29);
    expect(lines.HOMEPAGE_SHOWS_PASSWORDED).toBe(33);
    expect(lines.EMAIL_PORT).toBe(45);
  });

  it('reports everything else with a name and a reason', () => {
    expect(parsed.skipped).toEqual([
      { name: null, line: 2, reason: 'not an assignment' },
      { name: null, line: 3, reason: 'import' },
      { name: null, line: 4, reason: 'import' },
      { name: 'BASE_DIR', line: 6, reason: 'not a literal: calls os.path.dirname' },
      { name: 'MANAGERS', line: 12, reason: 'not a literal: references ADMINS' },
      { name: 'MEDIA_ROOT', line: 36, reason: 'not a literal: references BASE_DIR' },
      { name: 'FILE_UPLOAD_TEMP_DIR', line: 37, reason: 'not a literal: calls os.path.join' },
      { name: 'WELCOME', line: 38, reason: 'f-string is not a literal' },
      { name: null, line: 40, reason: 'block statement (if)' },
    ]);
  });

  it('skips the body of the if block as part of the block', () => {
    expect(values).not.toHaveProperty('INSTALLED_APPS');
    expect(values).not.toHaveProperty('INTERNAL_IPS');
    expect(skippedByLine.has(41)).toBe(false);
    expect(skippedByLine.has(42)).toBe(false);
  });
});

describe('strings', () => {
  it('reads single, double and triple quotes', () => {
    expect(valueOf(`X = 'a'`)).toBe('a');
    expect(valueOf(`X = "a"`)).toBe('a');
    expect(valueOf(`X = '''a\n'b'\n'''`)).toBe("a\n'b'\n");
    expect(valueOf(`X = """one "quoted" word"""`)).toBe('one "quoted" word');
    expect(valueOf(`X = ''`)).toBe('');
  });

  it('decodes the usual escapes', () => {
    expect(valueOf(String.raw`X = "a\nb\tc\\d\'e\"f"`)).toBe('a\nb\tc\\d\'e"f');
    expect(valueOf(String.raw`X = "caf\u00e9 \x41\101 \U0001F600"`)).toBe('café AA 😀');
    expect(valueOf(String.raw`X = "\d stays"`)).toBe('\\d stays');
    expect(valueOf('X = "one \\\ntwo"')).toBe('one two');
  });

  it('keeps backslashes in raw strings', () => {
    expect(valueOf(String.raw`X = r"^\d+\.mp4$"`)).toBe('^\\d+\\.mp4$');
    expect(valueOf(String.raw`X = R'a\'b'`)).toBe("a\\'b");
  });

  it('concatenates adjacent literals, also across lines in brackets', () => {
    expect(valueOf(`X = "a" 'b' """c"""`)).toBe('abc');
    expect(valueOf(`X = (\n    "https://pod."  # host\n    "univ.fr"\n)`)).toBe(
      'https://pod.univ.fr',
    );
  });

  it('accepts a u prefix and rejects f-, b- and broken strings', () => {
    expect(valueOf(`X = u"a"`)).toBe('a');
    expect(skippedOf(`X = f"{Y}"`)).toEqual([
      { name: 'X', line: 1, reason: 'f-string is not a literal' },
    ]);
    expect(skippedOf(`X = "a" F"b"`)[0]?.reason).toBe('f-string is not a literal');
    expect(skippedOf(`X = rf"b"`)[0]?.reason).toBe('f-string is not a literal');
    expect(skippedOf(`X = b"a"`)[0]?.reason).toMatch(/bytes/);
    expect(skippedOf(String.raw`X = "\x4"`)[0]?.reason).toMatch(/\\x escape/);
  });
});

describe('numbers and constants', () => {
  it('reads ints', () => {
    expect(valueOf('X = 42')).toBe(42);
    expect(valueOf('X = -7')).toBe(-7);
    expect(valueOf('X = 1_000_000')).toBe(1000000);
    expect(valueOf('X = 0x1F')).toBe(31);
    expect(valueOf('X = 0o17')).toBe(15);
    expect(valueOf('X = 0b101')).toBe(5);
    expect(valueOf('X = 0')).toBe(0);
    expect(Object.is(valueOf('X = -0'), 0)).toBe(true);
  });

  it('reads floats', () => {
    expect(valueOf('X = 1.5')).toBe(1.5);
    expect(valueOf('X = -.25')).toBe(-0.25);
    expect(valueOf('X = 1e3')).toBe(1000);
    expect(valueOf('X = 2.5E-1')).toBe(0.25);
    expect(valueOf('X = 1_0.0_1')).toBe(10.01);
  });

  it('rejects malformed and unrepresentable numbers', () => {
    expect(skippedOf('X = 09')[0]?.reason).toMatch(/invalid number/);
    expect(skippedOf('X = 1__0')[0]?.reason).toMatch(/invalid number/);
    expect(skippedOf('X = 1_')[0]?.reason).toMatch(/invalid number/);
    expect(skippedOf('X = 3j')[0]?.reason).toMatch(/complex/);
    expect(skippedOf('X = 12345678901234567890')[0]?.reason).toMatch(/too large/);
    expect(skippedOf('X = 1e400')[0]?.reason).toMatch(/overflows/);
  });

  it('reads True, False and None', () => {
    expect(valuesOf(parsePodSettings('A = True\nB = False\nC = None'))).toEqual({
      A: true,
      B: false,
      C: null,
    });
  });
});

describe('containers', () => {
  it('reads tuples as arrays', () => {
    expect(valueOf('X = ()')).toEqual([]);
    expect(valueOf('X = ("a",)')).toEqual(['a']);
    expect(valueOf('X = ("a")')).toBe('a');
    expect(valueOf('X = (1, 2, 3)')).toEqual([1, 2, 3]);
    expect(valueOf('X = 1, 2')).toEqual([1, 2]);
    expect(valueOf('X = 1,')).toEqual([1]);
  });

  it('reads lists, nested and with trailing commas', () => {
    expect(valueOf('X = []')).toEqual([]);
    expect(valueOf('X = [1, [2, (3, 4)], "five",]')).toEqual([1, [2, [3, 4]], 'five']);
  });

  it('reads dicts with string and number keys', () => {
    expect(valueOf('X = {}')).toEqual({});
    expect(valueOf('X = {"a": 1, 2: [True], "n": {"m": None},}')).toEqual({
      a: 1,
      2: [true],
      n: { m: null },
    });
    expect(valueOf('X = {"a": 1, "a": 2}')).toEqual({ a: 2 });
  });

  it('keeps "__proto__" an ordinary key', () => {
    const value = valueOf('X = {"__proto__": {"polluted": True}}') as Record<string, PyValue>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads multi-line containers with comments', () => {
    const source = [
      'LANGUAGES = (',
      '    ("fr", "Français"),  # default',
      '    # ("de", "Deutsch"),',
      '    ("en", "English"),',
      ')',
      'AFTER = 1',
    ].join('\n');
    const parsed = parsePodSettings(source);
    expect(parsed.assignments).toEqual([
      {
        name: 'LANGUAGES',
        value: [
          ['fr', 'Français'],
          ['en', 'English'],
        ],
        line: 1,
      },
      { name: 'AFTER', value: 1, line: 6 },
    ]);
    expect(parsed.skipped).toEqual([]);
  });

  it('skips sets, unpacking, comprehensions and bad keys', () => {
    expect(skippedOf('X = {"a", "b"}')[0]?.reason).toMatch(/set/);
    expect(skippedOf('X = {**Y}')[0]?.reason).toMatch(/unpacking/);
    expect(skippedOf('X = [*Y]')[0]?.reason).toMatch(/unpacking/);
    expect(skippedOf('X = [1 for _ in "ab"]')[0]?.reason).toMatch(/comprehension/);
    expect(skippedOf('X = {(1, 2): "a"}')[0]?.reason).toMatch(/dict keys/);
  });
});

describe('statement forms', () => {
  it('handles backslash continuation and semicolons', () => {
    expect(valuesOf(parsePodSettings('X = \\\n    "joined"\nA = 1; B = 2;'))).toEqual({
      X: 'joined',
      A: 1,
      B: 2,
    });
  });

  it('keeps only the last assignment of a name, where it was made', () => {
    const parsed = parsePodSettings('A = 1\nB = 2\nA = 3\n');
    expect(parsed.assignments).toEqual([
      { name: 'B', value: 2, line: 2 },
      { name: 'A', value: 3, line: 3 },
    ]);
  });

  it('forgets an earlier literal once the name is rebound to something unreadable', () => {
    const parsed = parsePodSettings(
      'A = [1]\nA += [2]\nB = 1\nB = os.getenv("B")\nC = {}\nC["k"] = 1\nD = []\nD.append(1)',
    );
    expect(parsed.assignments).toEqual([]);
    expect(parsed.skipped.map((s) => s.name)).toEqual(['A', 'B', 'C["k"]', null]);
  });

  it('skips non-literal expressions with a reason', () => {
    const reasons = (source: string) => skippedOf(source)[0]?.reason;
    expect(reasons('X = BASE_DIR / "x"')).toBe('not a literal: references BASE_DIR');
    expect(reasons('X = "a" + "b"')).toBe("not a literal: uses operator '+'");
    expect(reasons('X = "a,b".split(",")')).toBe('not a literal: attribute access');
    expect(reasons('X = 1 if Y else 2')).toBe('not a literal: conditional expression');
    expect(reasons('X = lambda a=1: a')).toBe('not a literal: lambda expression');
    expect(reasons('X = _("Title")')).toBe('not a literal: calls _');
    expect(reasons('X = -"a"')).toMatch(/sign/);
  });

  it('skips statements that are not simple assignments, naming what it can', () => {
    const source = [
      'from pod.settings import *',
      'A = B = 1',
      'X += 1',
      'os.environ["X"] = "1"',
      'settings.X = 1',
      'A, B = 1, 2',
      'X: int = 1',
      'lower = 1',
      'load_dotenv()',
      'del Y',
      'def helper(a=1):',
      '    return a',
      '@decorator',
      'class Thing:',
      '    pass',
      'try:',
      '    import ldap',
      'except ImportError:',
      '    ldap = None',
      'else:',
      '    pass',
    ].join('\n');
    expect(skippedOf(source)).toEqual([
      { name: null, line: 1, reason: 'import' },
      { name: 'A', line: 2, reason: 'multiple-target assignment' },
      { name: 'X', line: 3, reason: 'augmented assignment (+=)' },
      { name: 'os.environ["X"]', line: 4, reason: 'subscript assignment' },
      { name: 'settings.X', line: 5, reason: 'attribute assignment' },
      { name: null, line: 6, reason: 'unpacking assignment' },
      { name: 'X', line: 7, reason: 'annotated assignment' },
      { name: 'lower', line: 8, reason: 'not an upper-case setting name' },
      { name: null, line: 9, reason: 'not an assignment: calls load_dotenv' },
      { name: null, line: 10, reason: 'del statement' },
      { name: 'helper', line: 11, reason: 'block statement (def)' },
      { name: null, line: 13, reason: 'block statement (decorator)' },
      { name: null, line: 16, reason: 'block statement (try)' },
    ]);
  });

  it('reports stray indented lines once', () => {
    expect(skippedOf('  X = 1\n  Y = 2\nZ = 3')).toEqual([
      { name: null, line: 1, reason: 'unexpected indent' },
    ]);
  });

  it('handles one-line blocks and keeps reading after blocks', () => {
    const parsed = parsePodSettings('if DEBUG: X = 1\nelif TEST:\n    X = 2\n\n    # note\nY = 3');
    expect(valuesOf(parsed)).toEqual({ Y: 3 });
    expect(parsed.skipped).toEqual([{ name: null, line: 1, reason: 'block statement (if)' }]);
  });
});

describe('malformed input', () => {
  it('skips an unterminated string and resumes on the next line', () => {
    const parsed = parsePodSettings('X = "abc\nY = 2\n');
    expect(parsed.skipped).toEqual([{ name: 'X', line: 1, reason: 'unterminated string literal' }]);
    expect(valuesOf(parsed)).toEqual({ Y: 2 });
  });

  it('skips an unterminated triple-quoted string', () => {
    const parsed = parsePodSettings('A = 1\nX = """abc\nY = 2\n');
    expect(parsed.skipped[0]).toEqual({
      name: 'X',
      line: 2,
      reason: 'unterminated triple-quoted string literal',
    });
    expect(valuesOf(parsed)).toMatchObject({ A: 1 });
  });

  it('skips an unclosed bracket and resumes at the next setting', () => {
    const parsed = parsePodSettings('X = (\n    "a",\n    "b",\nY = 2\nZ = [1,\n');
    expect(parsed.skipped).toEqual([
      { name: 'X', line: 1, reason: "unclosed '(' opened on line 1" },
      { name: 'Z', line: 5, reason: "unclosed '[' opened on line 5" },
    ]);
    expect(valuesOf(parsed)).toEqual({ Y: 2 });
  });

  it('skips mismatched and unmatched brackets', () => {
    const parsed = parsePodSettings('X = (1, 2]\nY = 1)\nZ = 3');
    expect(parsed.skipped).toEqual([
      { name: 'X', line: 1, reason: "mismatched ']' closing '(' from line 1" },
      { name: 'Y', line: 2, reason: "unmatched ')'" },
    ]);
    expect(valuesOf(parsed)).toEqual({ Z: 3 });
  });

  it('skips a bad continuation and unknown characters', () => {
    const parsed = parsePodSettings('X = 1 \\ 2\nY = $\nZ = 3');
    expect(parsed.skipped.map((s) => s.reason)).toEqual([
      'unexpected character after line continuation',
      "unexpected character '$' (U+0024)",
    ]);
    expect(valuesOf(parsed)).toEqual({ Z: 3 });
  });

  it('skips a missing value', () => {
    expect(skippedOf('X =')[0]).toEqual({
      name: 'X',
      line: 1,
      reason: 'syntax error: missing value',
    });
    expect(skippedOf('X = (1 2)')[0]?.reason).toBe("syntax error: unexpected '2'");
  });

  it('survives deep nesting without overflowing the stack', () => {
    expect(skippedOf(`X = ${'['.repeat(100_000)}`)[0]?.reason).toBe('brackets nested too deeply');
    expect(valueOf(`X = ${'['.repeat(150)}${']'.repeat(150)}`)).toBeDefined();
  });

  it('handles CRLF, a BOM and empty input', () => {
    expect(parsePodSettings('\uFEFFX = 1\r\nY = "a"\r\n').assignments).toEqual([
      { name: 'X', value: 1, line: 1 },
      { name: 'Y', value: 'a', line: 2 },
    ]);
    expect(parsePodSettings('')).toEqual({ assignments: [], skipped: [] });
    expect(parsePodSettings('\n\n# only comments\n')).toEqual({ assignments: [], skipped: [] });
  });

  it('never throws or hangs on binary garbage', () => {
    let seed = 12345;
    const nextByte = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    };
    for (let round = 0; round < 200; round++) {
      const bytes = Uint8Array.from({ length: 2000 }, nextByte);
      const garbage = new TextDecoder('latin1').decode(bytes);
      const mixed = `${garbage}\nX = 1\n${garbage.slice(0, 500)}`;
      expect(() => parsePodSettings(garbage)).not.toThrow();
      expect(() => parsePodSettings(mixed)).not.toThrow();
    }
    const nasty = ['"""', "'''", '(', '[', '{', '\\', '"', '\n', 'X = ', '#', '\u0000', '\uD800'];
    for (let round = 0; round < 200; round++) {
      const source = Array.from({ length: 500 }, () => nasty[nextByte() % nasty.length]).join('');
      expect(() => parsePodSettings(source)).not.toThrow();
    }
  });

  // Speed is measured in the benchmarks (STYLE.md); here only that these finish and say why.
  it('finishes on large pathological input', () => {
    expect(parsePodSettings('X = """\n\\"""\n'.repeat(100_000)).assignments).toBeDefined();
    expect(parsePodSettings('(\n'.repeat(500_000)).skipped.length).toBeGreaterThan(0);
    expect(parsePodSettings(`X = [${'1,'.repeat(500_000)}]`).assignments[0]?.name).toBe('X');
  });

  it('refuses sources larger than 2 MiB', () => {
    const limit = 2 * 1024 * 1024;
    expect(() => parsePodSettings('#'.repeat(limit))).not.toThrow();
    expect(() => parsePodSettings('#'.repeat(limit + 1))).toThrow(/too large/);
    expect(() => parsePodSettings('#' + 'é'.repeat(limit / 2))).toThrow(/2 MiB/);
  });
});
