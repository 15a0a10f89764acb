import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of functions/, from the bottom: the platform leaf and the contract's schemas, the pure domain,
 * the store (every key and item shape), the application layer, and the handlers. A layer imports only from
 * the layers listed for it.
 */
const mayImport: Record<string, string[]> = {
  platform: ['platform', 'contract'],
  contract: ['contract'],
  domain: ['domain', 'contract'],
  store: ['store', 'platform', 'domain', 'contract'],
  app: ['app', 'store', 'platform', 'domain', 'contract'],
  api: ['api', 'app', 'store', 'platform', 'domain', 'contract'],
  workflow: ['workflow', 'app', 'store', 'platform', 'domain', 'contract'],
};

const root = join(import.meta.dirname, '../../functions');

function importsOf(layer: string): { file: string; target: string }[] {
  return readdirSync(join(root, layer), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const text = readFileSync(join(root, layer, file), 'utf8');
      const depth = file.split('/').length - 1;
      return [...text.matchAll(/from '(\.\.?\/[^']+)'/g)].map((m) => {
        const parts = join(layer, ...Array(depth).fill('x'), m[1]!).split('/');
        return { file: `${layer}/${file}`, target: parts[0]! };
      });
    });
}

describe('layers of functions/', () => {
  it('has exactly the known layers', () => {
    expect(readdirSync(root).sort()).toEqual(Object.keys(mayImport).sort());
  });
  for (const [layer, allowed] of Object.entries(mayImport)) {
    it(`${layer}/ imports only from ${allowed.join(', ')}`, () => {
      const wrong = importsOf(layer).filter((i) => !allowed.includes(i.target));
      expect(wrong).toEqual([]);
    });
  }
  it('no DynamoDB command is sent outside store/ and the platform', () => {
    const outside = ['app', 'api', 'workflow', 'domain'].flatMap((layer) =>
      readdirSync(join(root, layer), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && /@aws-sdk\/(lib|client)-dynamodb/.test(readFileSync(join(root, layer, file), 'utf8')))
        .map((file) => `${layer}/${file}`),
    );
    expect(outside).toEqual([]);
  });
});
