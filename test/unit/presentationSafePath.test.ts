import { describe, expect, it } from 'vitest';
import { safeRelativePath } from '../../src-main/presentation/source';

describe('safeRelativePath (issue 10 §5: hrefs stay inside the recording)', () => {
  it.each([
    ['presentation/8692ce1af11e2632a6e77ea41a2d33edbbfea990-1718870416666/slide-1.png'],
    ['presentation/43dc908da2dbc0c228bf1f4b9d8809074e1a1da4-1726317607531/svgs/slide1.svg'],
    ['presentation/deskshare.png'],
    ['video/webcams.webm'],
  ])('accepts what BBB writes: %s', (href) => {
    expect(safeRelativePath(href)).toBe(href);
  });

  it('decodes percent-encoding of allowed characters', () => {
    expect(safeRelativePath('presentation/a%2Db/slide-1.png')).toBe('presentation/a-b/slide-1.png');
  });

  it.each([
    ['../x'],
    ['a/../../x'],
    ['..'],
    ['%2e%2e/x'],
    ['%2E%2E/x'],
    ['a/%2e%2e/%2e%2e/x'],
    ['%252e%252e/x'],
    ['.%2e/x'],
    ['http://evil/x'],
    ['https://evil.example.org/slide.png'],
    ['//evil/x'],
    ['/etc/passwd'],
    ['%2fetc/passwd'],
    ['file:///x'],
    ['data:image/png;base64,AAAA'],
    ['javascript:alert(1)'],
    ['a\\b'],
    ['..\\..\\x'],
    ['a%5cb'],
    ['a\0b'],
    ['a%00b'],
    ['a b.png'],
    ['a%20b.png'],
    ['a?x=1'],
    ['a#frag'],
    ['./a'],
    ['a//b'],
    ['a/'],
    [''],
    ['%'],
    ['%zz'],
    ['é.png'],
    [`presentation/${'a'.repeat(300)}.png`],
    ['a/'.repeat(1000) + 'x'],
  ])('refuses %j', (href) => {
    expect(safeRelativePath(href)).toBeNull();
  });
});
