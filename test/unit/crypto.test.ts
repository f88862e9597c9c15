import { describe, expect, it } from 'vitest';
import { hashPassword, safeEqual, signIdentity, verifyIdentity, verifyPassword } from '../../server/auth/crypto';

describe('passwords', () => {
  it('hashes with scrypt and a random salt, and verifies', async () => {
    const a = await hashPassword('hunter2 hunter2');
    const b = await hashPassword('hunter2 hunter2');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('hunter2 hunter2', a)).toBe(true);
    expect(await verifyPassword('hunter3 hunter2', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('compares secrets of any length safely', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('[P12] identity tokens', () => {
  const secret = 'a-site-secret-1234567';
  const now = 1_800_000_000;
  it('verifies a good HS256 signature and rejects tampering, other algs and expiry', () => {
    const jwt = signIdentity({ id: 'u1', email: 'a@b.co', exp: now + 60 }, secret);
    expect(verifyIdentity(jwt, secret, now)).toEqual({ id: 'u1', email: 'a@b.co', name: undefined, exp: now + 60 });
    expect(verifyIdentity(jwt, 'wrong-secret-123456789', now)).toBeNull();
    expect(verifyIdentity(jwt, secret, now + 61)).toBeNull();
    const [h, , sig] = jwt.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ id: 'admin', exp: now + 60 })).toString('base64url')}.${sig}`;
    expect(verifyIdentity(tampered, secret, now)).toBeNull();
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${jwt.split('.')[1]}.`;
    expect(verifyIdentity(none, secret, now)).toBeNull();
    expect(verifyIdentity('garbage', secret, now)).toBeNull();
  });
});
