import { open, stat } from 'node:fs/promises';
import { stripVTControlCharacters } from 'node:util';

/**
 * The Playground reports a bad config (and most other start-up failures) only in its log file, then exits:
 * this reads what the current run appended, so the launcher and the tests can show the real reason.
 */
export class PlaygroundLog {
  private constructor(
    readonly path: string,
    private readonly startOffset: number,
  ) {}

  /** Remembers where the file ends now: earlier runs' errors must not be blamed on this one. */
  static async mark(path: string): Promise<PlaygroundLog> {
    const size = await stat(path).then(
      (info) => info.size,
      () => 0,
    );
    return new PlaygroundLog(path, size);
  }

  async sinceStart(): Promise<string> {
    const file = await open(this.path, 'r').catch(() => undefined);
    if (!file) return '';
    try {
      const { size } = await file.stat();
      const length = Math.max(0, size - this.startOffset);
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, this.startOffset);
      return buffer.toString('utf8');
    } finally {
      await file.close();
    }
  }

  /** Lines the Playground logged at error level in this run, without the colour codes. */
  async errors(): Promise<string[]> {
    return (await this.sinceStart())
      .split('\n')
      .map((line) => stripVTControlCharacters(line).trim())
      .filter((line) => line.startsWith('error '))
      .map((line) => line.slice('error '.length));
  }
}
