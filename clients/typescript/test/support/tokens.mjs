// Mints HS256 tokens the test gateway accepts (the claims of PROTOCOL 4.1).
import { createHmac, randomUUID } from 'node:crypto';
import { audience, hmacKey, issuer } from './gateway.mjs';

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** alice is in role-team (workspaces projects and shared), bob in role-finance (samples/directory.json). */
export const rolesOf = { alice: ['role-team'], bob: ['role-finance'] };

export function mintToken(login, { ttlSeconds = 3600, profile = 'standard', roles = rolesOf[login] ?? [], key = hmacKey } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'HS256', typ: 'JWT' });
  const payload = base64url({
    sub: `sub-${login}`,
    name: login,
    profile,
    roles,
    iss: issuer,
    aud: audience,
    iat: now,
    nbf: now - 5,
    exp: now + ttlSeconds,
    jti: randomUUID(),
  });
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
