/**
 * Where uploaded bytes live: content-addressed by sha256, so the same photo is stored once
 * and a stored file can never be changed under its name. An interface, so that an object
 * store can replace the disk later.
 */
export interface FileStore {
  /** Stores the bytes and returns their sha256 (hex). */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored under a sha256, or undefined. */
  get(sha256: string): Promise<Buffer | undefined>;
}

/** STUB — implemented by the files work (helper). */
export function createDiskFileStore(_root: string): FileStore {
  const missing = async (): Promise<never> => {
    throw new Error("not implemented");
  };
  return { put: missing, get: missing };
}
