// The leak heapdot exists for, in one minute of reading.
//
// An image service decodes uploaded images; requests reach it as 'image-request' events. To "save
// allocations" it keeps ONE module-level ImageFormatError and, for every request whose image is
// malformed, records the request on it before throwing it. Good requests are released when they
// finish; bad ones are kept forever by that error, each with its 64 KB image buffer.
//
//   node samples/leaky-image-service.mjs     writes samples/before.heapsnapshot.gz and after.heapsnapshot.gz
import { writeFileSync } from 'node:fs';
import { getHeapSnapshot } from 'node:v8';
import { gzipSync } from 'node:zlib';

class ImageReqWrapper {
  constructor(id, image) {
    this.id = id;
    this.image = image;
    this.meta = { name: `req${id}`, tags: ['upload', 'png', id] };
  }
}

class ImageFormatError extends Error {
  constructor() {
    super('malformed image');
    this.requests = [];
  }
}

// The bug: one error for all requests, and it remembers every request it was thrown for.
const formatError = new ImageFormatError();

function decode(request) {
  const png = request.image[0] === 0x89 && request.image[1] === 0x50;
  if (!png) {
    formatError.requests.push(request);
    throw formatError;
  }
  return { width: request.image.readUInt32BE(16), height: request.image.readUInt32BE(20) };
}

function handleImageRequest(id, malformed) {
  const image = Buffer.alloc(64 * 1024);
  if (!malformed) image.set([0x89, 0x50, 0x4e, 0x47], 0);
  const request = new ImageReqWrapper(id, image);
  try {
    return decode(request);
  } catch {
    return undefined;
  }
}

async function snapshot(path) {
  const chunks = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk);
  writeFileSync(new URL(path, import.meta.url), gzipSync(Buffer.concat(chunks), { level: 9 }));
}

process.on('image-request', handleImageRequest);

// Every 10th request of a batch of 200 carries a malformed image.
const batch = (start) => {
  for (let id = start; id < start + 200; id++) process.emit('image-request', id, id % 10 === 7);
};

batch(0);
await snapshot('before.heapsnapshot.gz');
batch(200);
await snapshot('after.heapsnapshot.gz');
