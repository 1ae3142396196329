import { hash, verify } from "@node-rs/argon2";

// argon2id is the library default; the cost follows OWASP's minimum for argon2id
// (19 MiB, 2 passes), which keeps a sign-in under ~50 ms on this class of machine.
const HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the user name is unknown, so that timing does not reveal which names exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("estate-desk-timing-guard-0");
  return dummyHash;
}
