import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Where received photos and generated report files are kept: a directory on disk (Node), or an object
 * bucket (Cloudflare R2 on Workers, which have no lasting disk). A place is named by one string, as the
 * configuration gives it — a path, or `r2://BINDING/prefix` — and a stored file by its location string,
 * kept in the database: a path, or `r2://BINDING/key`.
 */

/** The part of an R2 bucket binding used here (put and get of whole objects). */
export interface ObjectBucket {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>
}

const BUCKET_SCHEME = 'r2://'
/** Buckets by binding name, registered by the Workers entry from its environment. */
const buckets = new Map<string, ObjectBucket>()

export function registerBucket(binding: string, bucket: ObjectBucket): void {
  buckets.set(binding, bucket)
}

function bucketPlace(place: string): { bucket: ObjectBucket; key: string } | undefined {
  if (!place.startsWith(BUCKET_SCHEME)) return undefined
  const rest = place.slice(BUCKET_SCHEME.length)
  const slash = rest.indexOf('/')
  const binding = slash === -1 ? rest : rest.slice(0, slash)
  const bucket = buckets.get(binding)
  if (!bucket) throw new Error(`storage bucket "${binding}" is not bound`)
  return { bucket, key: slash === -1 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '') }
}

/** Stores `bytes` as `name` in `place` (directory or bucket) and returns the file's location. */
export async function storeFile(place: string, name: string, bytes: Uint8Array, contentType?: string): Promise<string> {
  const inBucket = bucketPlace(place)
  if (inBucket) {
    const key = inBucket.key ? `${inBucket.key}/${name}` : name
    await inBucket.bucket.put(key, bytes, contentType ? { httpMetadata: { contentType } } : undefined)
    return `${place.replace(/\/+$/, '').split('/').slice(0, 3).join('/')}/${key}`
  }
  await mkdir(place, { recursive: true })
  const path = join(place, name)
  await writeFile(path, bytes)
  return path
}

/** The bytes at a location `storeFile` returned; undefined when the file is gone. */
export async function readStoredFile(location: string): Promise<Buffer | undefined> {
  const inBucket = bucketPlace(location)
  if (inBucket) {
    const object = await inBucket.bucket.get(inBucket.key)
    return object ? Buffer.from(await object.arrayBuffer()) : undefined
  }
  return readFile(location).catch(() => undefined)
}
