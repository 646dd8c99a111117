import { describe, expect, it } from '@jest/globals';
import { NEWEST_RELEASE, namedRelease, RELEASES, resolveRelease } from '../../src/domain/releases.js';

describe('release profiles', () => {
  it('says what each release of the issue can do', () => {
    const at = (v: string) => resolveRelease(v).profile;
    expect(at('10.9').createTask).toBe(false);
    expect(at('10.9').updatableTypes).toEqual(['CleanGPJobs']);
    expect(at('10.9.1').createTask).toBe(true);
    expect(at('10.9.1').creatableTypes).toEqual(['CreateBackup']);
    expect(at('10.9.1').updatableTypes).toEqual(['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner']);
    expect(at('11.1').healthChecks).toBe(false);
    expect(at('11.2').healthChecks).toBe(true);
    expect(at('11.3').creatableTypes).toEqual(['CreateBackup']);
    expect(at('11.4').creatableTypes).toEqual(['CreateBackup', 'CreateHealthCheckReports']);
    expect(at('11.4').updatableTypes).toContain('CreateHealthCheckReports');
  });

  it('reads the ways sites write a version', () => {
    expect(resolveRelease('10.91').profile.version).toBe('10.9.1');
    expect(resolveRelease('11.4.0.6062').profile.version).toBe('11.4');
    expect(resolveRelease('11.4.1').profile.version).toBe('11.4');
    expect(resolveRelease('11.3').warning).toBeUndefined();
  });

  it('judges an unknown newer release by the newest profile, with a warning', () => {
    const resolved = resolveRelease('12.0');
    expect(resolved.profile.version).toBe(NEWEST_RELEASE);
    expect(resolved.warning).toMatch(/newer than/);
    expect(resolveRelease(undefined).warning).toMatch(/did not say/);
    expect(resolveRelease('abc').warning).toMatch(/not a release/);
  });

  it('refuses a named release it does not know', () => {
    expect(namedRelease('11.3')).toMatchObject({ version: '11.3' });
    expect(namedRelease('9.0')).toMatch(/unknown release "9.0"/);
    expect(RELEASES).toContain(NEWEST_RELEASE);
  });
});
