import { readFileSync } from 'node:fs';
import { API_DOC_PATH, renderApiReference } from '../../scripts/api-docs';
import { API } from '../../src/core/api';

describe('the API reference', () => {
  it('is current with the action table (run `npm run api-docs` after changing an action)', () => {
    expect(readFileSync(API_DOC_PATH, 'utf8')).toBe(renderApiReference());
  });

  it('documents every action of every function', () => {
    const doc = renderApiReference();
    for (const [fn, actions] of Object.entries(API)) for (const name of Object.keys(actions)) expect(doc).toContain(`### \`${fn}.${name}\``);
  });
});
