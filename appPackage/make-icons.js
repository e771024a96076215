#!/usr/bin/env node
// Writes the two Teams app icons as PNG files, with no dependency beyond Node's zlib:
//   color.png   192×192, full colour (accent background, white speech bubbles)
//   outline.png  32×32, white on transparent (Teams requires only white and transparent pixels)
// Run: node appPackage/make-icons.js

const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { deflateSync } = require('node:zlib');

const ACCENT = [0x46, 0x4e, 0xb8]; // #464EB8, the manifest's accentColor
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG; pixel(x, y) returns [r, g, b, a]. */
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Two overlapping rounded speech bubbles in a unit square: a group conversation. */
function inBubbles(u, v) {
  const bubble = (cx, cy, rx, ry) => ((u - cx) / rx) ** 2 + ((v - cy) / ry) ** 2 <= 1;
  const tail = (x0, y0) => u >= x0 && u <= x0 + 0.08 && v >= y0 && v <= y0 + 0.1 && u - x0 <= y0 + 0.1 - v;
  return (
    bubble(0.4, 0.4, 0.3, 0.22) || tail(0.22, 0.55) || bubble(0.62, 0.64, 0.26, 0.19) || tail(0.74, 0.76)
  );
}

const color = png(192, (x, y) => {
  const u = (x + 0.5) / 192;
  const v = (y + 0.5) / 192;
  return inBubbles(u, v) ? [...WHITE, 0xff] : [...ACCENT, 0xff];
});

const outline = png(32, (x, y) =>
  inBubbles((x + 0.5) / 32, (y + 0.5) / 32) ? [...WHITE, 0xff] : [0, 0, 0, 0],
);

writeFileSync(join(__dirname, 'color.png'), color);
writeFileSync(join(__dirname, 'outline.png'), outline);
console.log('wrote color.png (192×192) and outline.png (32×32)');
