import fs from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { invalidInput } from '../../domain/errors.ts';
import { defaultFeatureOptions, Vectorizer, type FeatureOptions } from './features.ts';
import { TextClassifier, type ModelInfo } from './model.ts';

/**
 * The model file: gzip of a small binary container, so that weights are
 * stored bit for bit (float32) and a loaded model predicts exactly what the
 * saved one did.
 *
 *   "MSCLF" format version (uint8) · header length (uint32 LE) · header (UTF-8 JSON)
 *   · zero padding to a multiple of 4 · term ids (int32) · idf · weights · bias (float32)
 *
 * Arrays are little-endian (the byte order of every platform Node runs on
 * in practice). The header holds the labels, the number of features,
 * options, temperature and training facts; array lengths follow from it.
 * Terms are 32-bit hashes (hashing.ts), so the file holds no text.
 */

const MAGIC = 'MSCLF';
const FORMAT_VERSION = 1;

interface Header {
  labels: string[];
  features: number;
  featureOptions: FeatureOptions;
  temperature: number;
  info: ModelInfo;
}

/** The model as bytes (what {@link saveModel} writes). */
export function serializeModel(model: TextClassifier): Buffer {
  const header: Header = {
    labels: [...model.labels],
    features: model.vectorizer.size,
    featureOptions: model.vectorizer.options,
    temperature: model.temperature,
    info: model.info,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(MAGIC.length + 1 + 4);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt8(FORMAT_VERSION, MAGIC.length);
  prefix.writeUInt32LE(json.length, MAGIC.length + 1);
  const used = prefix.length + json.length;
  const padding = Buffer.alloc((4 - (used % 4)) % 4);
  const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const { terms, idf } = model.vectorizer;
  const { weights, bias } = model.linear;
  return gzipSync(Buffer.concat([prefix, json, padding, bytes(terms), bytes(idf), bytes(weights), bytes(bias)]), { level: 6 });
}

/**
 * A model from bytes written by {@link serializeModel}.
 * @throws DomainError INVALID_INPUT when the bytes are not a model of a known version.
 */
export function deserializeModel(bytes: Uint8Array): TextClassifier {
  const bad = (why: string) => invalidInput(`不是有效的分类模型文件：${why}`, `not a valid classifier model: ${why}`);
  let raw: Buffer;
  try { raw = gunzipSync(bytes); } catch { throw bad('not gzip'); }
  if (raw.length < 10 || raw.toString('latin1', 0, MAGIC.length) !== MAGIC) throw bad('wrong magic');
  const version = raw.readUInt8(MAGIC.length);
  if (version !== FORMAT_VERSION) throw bad(`format version ${version}, expected ${FORMAT_VERSION}`);
  const length = raw.readUInt32LE(MAGIC.length + 1);
  const start = MAGIC.length + 5;
  let header: Header;
  try { header = JSON.parse(raw.toString('utf8', start, start + length)) as Header; } catch { throw bad('unreadable header'); }
  let offset = start + length;
  offset += (4 - (offset % 4)) % 4;
  // Copy into fresh, aligned arrays (the inflated buffer may be a slice of a pool).
  const take = <T extends Float32Array | Int32Array>(a: T): T => {
    const n = a.length;
    if (offset + n * 4 > raw.length) throw bad('truncated');
    Buffer.from(a.buffer).set(raw.subarray(offset, offset + n * 4));
    offset += n * 4;
    return a;
  };
  const { features } = header;
  const classes = header.labels.length;
  const terms = take(new Int32Array(features));
  const idf = take(new Float32Array(features));
  const weights = take(new Float32Array(features * classes));
  const bias = take(new Float32Array(classes));
  if (offset !== raw.length) throw bad('trailing bytes');
  const vectorizer = new Vectorizer({ ...defaultFeatureOptions, ...header.featureOptions }, terms, idf);
  return new TextClassifier(header.labels, vectorizer, { classes, features, weights, bias }, header.temperature, header.info);
}

/** Writes the model to `file` (atomically: a temporary file renamed over it). */
export async function saveModel(model: TextClassifier, file: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, serializeModel(model));
  await fs.rename(tmp, file);
}

/**
 * Reads a model written by {@link saveModel}.
 * @throws DomainError INVALID_INPUT when the file is not a model; fs errors when it cannot be read.
 */
export async function loadModel(file: string): Promise<TextClassifier> {
  return deserializeModel(await fs.readFile(file));
}
