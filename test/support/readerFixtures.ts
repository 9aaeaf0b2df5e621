/** The fixtures of one reader (test/fixtures/readers/<id>/, subfolders too): name and text. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'readers');

export function readerFixtures(id: string): { name: string; text: string }[] {
  const dir = path.join(FIXTURES, id);
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}
