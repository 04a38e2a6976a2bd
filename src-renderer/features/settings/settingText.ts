import type { SettingView } from '../../../src-preload/contract';

/** How a setting's value is shown in a text field, and read back from it. */
export function toText(setting: SettingView): string {
  const { value, type } = setting;
  if (setting.isSecret || value === null || value === undefined) return '';
  if (type === 'stringList') return (value as string[]).join(', ');
  if (type === 'people')
    return (value as [string, string][]).map(([name, email]) => `${name} <${email}>`).join('\n');
  return String(value as string | number);
}

export function fromText(setting: SettingView, text: string): unknown {
  switch (setting.type) {
    case 'integer':
      return text.trim() === '' ? NaN : Number(text);
    case 'integerOrNull':
      return text.trim() === '' ? null : Number(text);
    case 'stringList':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'people':
      return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => {
          const match = /^(.*?)\s*<([^>]+)>$/.exec(line);
          return match ? [match[1] ?? '', match[2] ?? ''] : line;
        });
    default:
      return text;
  }
}
