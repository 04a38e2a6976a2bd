import { resolveProgram } from '../media';
import type { SettingsStore } from '../settings/store';
import type { ConvertRequest } from './convert';

/**
 * The site's conversion settings as a ConvertRequest's options: programs (FFMPEG_CMD,
 * FFPROBE_CMD, CHROMIUM_CMD), BBB_CONVERT_SIZE, BBB_CONVERT_LAYOUT and BBB_CONVERT_CHAT. One
 * reading for every job that converts a recording (a BBB publication, a migration line, an
 * external recording's publication).
 */
export function siteConvertOptions(
  settings: SettingsStore,
): Pick<
  ConvertRequest,
  | 'ffmpeg'
  | 'ffprobe'
  | 'chromiumPath'
  | 'width'
  | 'height'
  | 'layout'
  | 'withChat'
  | 'locale'
  | 'fps'
> {
  const [width = 1280, height = 720] = settings
    .getString('BBB_CONVERT_SIZE')
    .split('x')
    .map((v) => Number.parseInt(v, 10));
  return {
    ffmpeg: resolveProgram('ffmpeg', { setting: settings.getString('FFMPEG_CMD') }),
    ffprobe: resolveProgram('ffprobe', { setting: settings.getString('FFPROBE_CMD') }),
    chromiumPath: settings.getString('CHROMIUM_CMD'),
    width,
    height,
    layout: settings.getString('BBB_CONVERT_LAYOUT') === 'slides' ? 'slides' : 'slides+webcams',
    withChat: settings.get('BBB_CONVERT_CHAT') === true,
    locale: 'fr',
    fps: 10,
  };
}
