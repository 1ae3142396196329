import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

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
  /** A stream of the bytes stored under a sha256, or undefined: serving a photo need not hold it in memory. */
  stream(sha256: string): Promise<Readable | undefined>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Files at `<root>/<aa>/<bb>/<sha256>`: two levels of 256 folders keep every folder small
 * even with millions of photos. Folders are created when first needed.
 */
export function createDiskFileStore(root: string): FileStore {
  function pathOf(sha256: string): string {
    // The address doubles as a path: anything but 64 hex digits could point outside the root.
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async function open(sha256: string): Promise<fs.FileHandle | undefined> {
    try {
      return await fs.open(pathOf(sha256), "r");
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  return {
    async put(bytes) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const target = pathOf(sha256);
      // Same address, same bytes: nothing to write.
      if (await exists(target)) return sha256;
      const folder = path.dirname(target);
      await fs.mkdir(folder, { recursive: true });
      await writeAtomically(folder, target, bytes);
      return sha256;
    },

    async get(sha256) {
      const handle = await open(sha256);
      if (!handle) return undefined;
      try {
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    },

    async stream(sha256) {
      const handle = await open(sha256);
      // The stream owns the handle from here and closes it when done or destroyed.
      return handle?.createReadStream();
    },
  };
}

/**
 * Writes to a temporary file in the target's folder, flushes it to disk, then renames it
 * into place: a crash leaves either no file or the whole file under the address, never a
 * partial one. Two requests storing the same bytes at once both rename identical content.
 */
async function writeAtomically(folder: string, target: string, bytes: Buffer): Promise<void> {
  const temporary = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temporary, "wx");
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable: the new directory entry is on disk once this returns. */
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, "r");
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a folder; the file's own fsync already happened.
    if (!isCode(error, "EPERM") && !isCode(error, "EISDIR") && !isCode(error, "EINVAL")) throw error;
  } finally {
    await handle?.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return isCode(error, "ENOENT");
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
