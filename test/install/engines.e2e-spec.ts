import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/**
 * One Node version: package.json's `engines` is what the README, the Dockerfile and CI run, and
 * every package the lockfile installs accepts it, so `npm ci` prints no engine warning.
 */
const root = join(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
}

describe('the Node version', () => {
  const declared = (JSON.parse(read('package.json')) as { engines?: { node?: string } }).engines?.node;
  const lowest = declared ? semver.minVersion(declared) : null;

  it('is declared in package.json and the running Node satisfies it', () => {
    expect(declared).toBeTruthy();
    expect(lowest).not.toBeNull();
    expect(semver.satisfies(process.version, declared!)).toBe(true);
  });

  it('is accepted by every installed package, at the lowest declared version and the running one', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockPackage> };
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => {
        const range = (entry.engines as { node: string }).node;
        return (
          !semver.satisfies(lowest!.version, range, { includePrerelease: true }) ||
          !semver.satisfies(process.version, range, { includePrerelease: true })
        );
      })
      .map(([path, entry]) => `${path}@${entry.version}: node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('is the one the Dockerfile builds on and the README names', () => {
    const major = lowest!.major;
    expect(read('Dockerfile')).toMatch(new RegExp(`FROM node:${major}\\b`));
    expect(read('README.md')).toContain(`Node.js ${major}`);
  });
});
