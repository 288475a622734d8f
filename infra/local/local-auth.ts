import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { webcrypto } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/domain/lifecycle.js';

/**
 * The local stand-in for Cognito: an ES256 key pair kept in .data/, tokens shaped like Cognito ID tokens
 * (`cognito:groups`, `custom:unit`, `custom:approval_limit`), and a verifier that hands the handler the
 * claims the way the HTTP API JWT authorizer does.
 */
export const LOCAL_ISSUER = 'claims-local';
export const LOCAL_AUDIENCE = 'claims-staff';
const ALG = 'ES256';

type CryptoKey = webcrypto.CryptoKey;
const EcJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  d: z.string().optional(),
});
const KeyFileSchema = z.object({ privateJwk: EcJwkSchema, publicJwk: EcJwkSchema });

export interface LocalKeys {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/** Loads the key pair, creating it on first use so every `npm start` and CLI call agree. */
export async function loadLocalKeys(file: string): Promise<LocalKeys> {
  if (!existsSync(file)) {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) }),
      { mode: 0o600 },
    );
  }
  const parsed = KeyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return {
    privateKey: await asKey(parsed.privateJwk),
    publicKey: await asKey(parsed.publicJwk),
  };
}

async function asKey(jwk: z.infer<typeof EcJwkSchema>): Promise<CryptoKey> {
  const key = await importJWK(jwk, ALG);
  if (key instanceof Uint8Array) throw new Error('expected an asymmetric key in the local key file');
  return key;
}

export const TokenRequestSchema = z.object({
  role: z.array(z.enum(STAFF_ROLES)).min(1),
  unit: z.string().min(1),
  sub: z.string().min(1),
  name: z.string().optional(),
  approvalLimitFen: z.number().int().nonnegative(),
  ttlSeconds: z.number().int().positive(),
});
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

export async function issueLocalToken(
  keys: LocalKeys,
  request: TokenRequest,
  now = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    'cognito:groups': request.role,
    'custom:unit': request.unit,
    'custom:approval_limit': String(request.approvalLimitFen),
    token_use: 'id',
    ...(request.name !== undefined ? { name: request.name } : {}),
  })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttlSeconds)
    .sign(keys.privateKey);
}

/**
 * An access token shaped like Cognito's: groups, scopes and `client_id`, but no `aud` and none of the
 * `custom:` attributes, so (as in AWS) the authorizer accepts it and the API still wants the ID token.
 */
export async function issueLocalAccessToken(
  keys: LocalKeys,
  request: TokenRequest & { scope: string },
  now = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    'cognito:groups': request.role,
    client_id: LOCAL_AUDIENCE,
    scope: request.scope,
    token_use: 'access',
  })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttlSeconds)
    .sign(keys.privateKey);
}

/**
 * Verifies a bearer token as the HTTP API JWT authorizer would (its audience is matched against `aud`, or
 * `client_id` for access tokens), returning the claims in the shape it
 * passes on (every value a string, arrays as "[a b]"), or null when the token is missing or invalid.
 */
export async function verifyLocalToken(
  keys: LocalKeys,
  authorization: string | undefined,
): Promise<Record<string, string> | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) return null;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys.publicKey, {
      issuer: LOCAL_ISSUER,
      algorithms: [ALG],
      requiredClaims: ['exp'],
    }));
  } catch {
    return null;
  }
  const audience = [payload.aud ?? [], payload['client_id'] ?? []].flat();
  if (!audience.includes(LOCAL_AUDIENCE)) return null;
  const claims: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    claims[key] = Array.isArray(value)
      ? `[${value.join(' ')}]`
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  }
  return claims;
}
