import { describe, expect, it } from 'vitest';
import { podDefaultRenditions } from '../../src-main/media/renditions';
import { checkRenditions } from '../../src-main/media/renditionsCheck';
import { definitions } from '../../src-main/settings/definitions';
import { checkValue, parseText } from '../../src-main/settings/values';

const row = (patch: Record<string, unknown> = {}) => ({ ...podDefaultRenditions[1], ...patch });
const why = (value: unknown): string => {
  const checked = checkRenditions('VIDEO_RENDITIONS', value);
  if (checked.ok) throw new Error('expected a refusal');
  return `${checked.why.en} | ${checked.why.fr}`;
};

describe('VIDEO_RENDITIONS (Pod VideoRendition rows, issue #4 part 3)', () => {
  it("accepts Pod's defaults unchanged and sorts rows by height (§2.4)", () => {
    const reversed = [...podDefaultRenditions].reverse();
    const checked = checkRenditions('VIDEO_RENDITIONS', reversed);
    expect(checked).toEqual({ ok: true, value: podDefaultRenditions });
  });

  it('names the row and the field at fault, in both languages', () => {
    expect(why([row(), row({ resolution: '720p' })])).toMatch(
      /rendition 2: resolution "720p" is not WIDTHxHEIGHT.*\| .*rendu 2 : la résolution/,
    );
    expect(why([row({ maxrate: 'fast' })])).toMatch(/rendition 1: maxrate "fast" is not a bitrate/);
    expect(why([row({ audio_bitrate: 128 })])).toMatch(/audio_bitrate 128 is not a bitrate/);
    expect(why([row({ encode_mp4: 'yes' })])).toMatch(/encode_mp4 must be true or false/);
    expect(why([row({ encoding_resolution_threshold: 150 })])).toMatch(/0 to 100/);
    expect(why([row({ bitrate: '1k' })])).toMatch(/unknown field "bitrate"/);
    expect(why([row(), row()])).toMatch(/renditions 1 and 2 have the same height 720/);
    expect(why([])).toMatch(/non-empty list/);
    expect(why('1280x720')).toMatch(/non-empty list/);
    expect(why([row({ encode_mp4: false })])).toMatch(/at least one rendition needs encode_mp4/);
  });

  it('is a setting: default Pod, set from the CLI as JSON, refused with the reason', () => {
    const def = definitions.find((d) => d.key === 'VIDEO_RENDITIONS');
    if (!def) throw new Error('VIDEO_RENDITIONS is not defined');
    expect(def.defaultValue).toEqual(podDefaultRenditions);
    const text = JSON.stringify([row({ resolution: '854x480', maxrate: '1500k' })]);
    expect(parseText(def, text)).toMatchObject({
      ok: true,
      value: [{ resolution: '854x480', maxrate: '1500k' }],
    });
    expect(parseText(def, 'not json')).toMatchObject({ ok: false });
    expect(checkValue(def, [row({ resolution: '0x0' })])).toMatchObject({ ok: false });
  });
});
