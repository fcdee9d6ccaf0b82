import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes } from '../../src/render/formatBytes.js';

describe('formatBytes', () => {
  it('shows small sizes in bytes', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(64), '64 B');
    assert.equal(formatBytes(1023), '1023 B');
  });

  it('uses binary units with one decimal below 10', () => {
    assert.equal(formatBytes(1024), '1 KiB');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(3.2 * 1024 * 1024), '3.2 MiB');
    assert.equal(formatBytes(5 * 1024 ** 3), '5 GiB');
  });

  it('rounds to whole units from 10 up', () => {
    assert.equal(formatBytes(12.4 * 1024), '12 KiB');
  });

  it('moves up a unit instead of printing 1024', () => {
    assert.equal(formatBytes(1024 * 1024 - 1), '1 MiB');
  });

  it('keeps the sign of a negative difference', () => {
    assert.equal(formatBytes(-1536), '-1.5 KiB');
  });
});
