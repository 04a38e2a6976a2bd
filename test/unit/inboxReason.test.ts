import { describe, expect, it } from 'vitest';
import { explainReason } from '../../src-renderer/features/inbox/reasonText';
import { recorderIdOf } from '../../src-renderer/features/inbox/inboxFilter';
import type { RecorderFile } from '../../src-preload/contract';

describe('explainReason', () => {
  it('puts the words first and keeps ffprobe apart, without its memory addresses', () => {
    const text =
      '"cours.mp4": the MP4/MOV index (moov atom) is missing: the file is still being copied. ' +
      'ffprobe: [mov,mp4,m4a,3gp,3g2,mj2 @ 0x55a8e4a0f180] moov atom not found | cours.mp4: Invalid data found when processing input';
    expect(explainReason(text)).toEqual({
      words: 'The MP4/MOV index (moov atom) is missing: the file is still being copied.',
      ffprobe: 'moov atom not found | cours.mp4: Invalid data found when processing input',
    });
  });

  it('reads the French form too', () => {
    expect(
      explainReason(
        '« a.mkv » : le fichier se termine trop tôt. ffprobe : [matroska,webm @ 0x7f00aa] End of file',
      ),
    ).toEqual({ words: 'Le fichier se termine trop tôt.', ffprobe: 'End of file' });
  });

  it('leaves a reason without ffprobe text as it is', () => {
    expect(explainReason('Empty file (0 bytes)')).toEqual({
      words: 'Empty file (0 bytes)',
      ffprobe: null,
    });
  });
});

describe('recorderIdOf', () => {
  const file = (over: Partial<RecorderFile>) =>
    ({ recorderId: null, folder: 'amphi-a', origin: 'local', ...over }) as RecorderFile;
  const byDirectory = new Map([['amphi-a', 3]]);

  it('knows the recorder from the folder while the file is incomplete or invalid', () => {
    expect(recorderIdOf(file({}), byDirectory)).toBe(3);
  });
  it('keeps the recorder the file was routed to', () => {
    expect(recorderIdOf(file({ recorderId: 7 }), byDirectory)).toBe(7);
  });
  it('has none for a folder no recorder uses', () => {
    expect(recorderIdOf(file({ folder: 'elsewhere' }), byDirectory)).toBeNull();
  });
});
