import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id at 7 MiB and 5 passes, one of OWASP's equivalent minimum settings: the same cost to an
 * attacker as the library's 19 MiB × 2, at a third of the server's memory per login. Hashes keep
 * their own parameters, so older hashes still verify.
 */
const ARGON2 = { memoryCost: 7168, timeCost: 5, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2));
}

/**
 * Each argon2 computation holds its memory cost for its duration. A burst of logins would add that per
 * request to the process's memory; a small queue caps it while costing a login a few milliseconds.
 */
const MAX_CONCURRENT_HASHES = 4;
let running = 0;
const waiting: Array<() => void> = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash("not-a-real-password-0000", ARGON2);
  return dummy;
}
