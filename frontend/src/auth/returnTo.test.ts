import { describe, expect, it } from 'vitest';
import { safeReturnPath, withReturn } from './returnTo';

describe('the return-to path after sign-in', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeReturnPath('/my/requests/new?productId=abc&amount=500000')).toBe(
      '/my/requests/new?productId=abc&amount=500000',
    );
    expect(withReturn('/login', '/my/requests/new?productId=abc')).toBe(
      '/login?next=%2Fmy%2Frequests%2Fnew%3FproductId%3Dabc',
    );
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example/phish',
    '/\t/evil.example',
    'javascript:alert(1)',
    'my/requests',
    '',
    null,
    '/login?next=/home',
  ])('refuses %j', (next) => {
    expect(safeReturnPath(next)).toBeNull();
    expect(withReturn('/login', next)).toBe('/login');
  });
});
