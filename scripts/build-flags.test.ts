import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BUILD_NODE_FLAGS } from './build-flags.ts';

it('npm run build and npm run pdf start the build with the flags the bench and the tests use', () => {
  const { scripts } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  expect(scripts.build).toBe(`node ${BUILD_NODE_FLAGS.join(' ')} scripts/build.ts`);
  expect(scripts.pdf).toBe(`node ${BUILD_NODE_FLAGS.join(' ')} scripts/build.ts --pdf`);
});
