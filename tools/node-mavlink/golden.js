#!/usr/bin/env node
// Golden vectors from node-mavlink (an independent MAVLink implementation) for SkyPatrol's tests:
// v1 and v2 frames of every typed message SkyPatrol decodes, with seeded random field values,
// truncated v2 payloads (extension and trailing fields zero), all-zero payloads, and signed frames
// (timestamps 2^48-1 and 1, FAULTS S1, plus ordinary ones). One JSON object per line.
// Usage: node golden.js > ../../protocols/src/test/resources/mavlink/golden-vectors.jsonl
'use strict';
const { minimal, common, MavLinkProtocolV1, MavLinkProtocolV2, MavLinkPacketSignature } = require('node-mavlink');

const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY };
const IDS = [0, 1, 24, 30, 33, 74, 242, 147, 253, 76, 75, 77, 259, 269, 271, 285, 385, 400, 109];
const PASSPHRASE = 'skypatrol golden vectors';

// mulberry32: small seeded PRNG so the vectors are reproducible
let seed = 0x5eed1234;
function rnd() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

function scalar(type) {
  switch (type) {
    case 'uint8_t': return int(0, 255);
    case 'uint8_t_mavlink_version': return 3;
    case 'int8_t': return int(-128, 127);
    case 'uint16_t': return int(0, 65535);
    case 'int16_t': return int(-32768, 32767);
    case 'uint32_t': return int(0, 4294967295);
    case 'int32_t': return int(-2147483648, 2147483647);
    case 'float': return Math.fround((rnd() - 0.5) * 2000);
    case 'double': return (rnd() - 0.5) * 1e6;
    case 'uint64_t': return BigInt(int(0, 2 ** 31)) * 65536n * 4096n + BigInt(int(0, 2 ** 20));
    case 'int64_t': return -BigInt(int(0, 2 ** 31)) * 65536n;
    default: throw new Error('type ' + type);
  }
}

function value(field, mode) {
  const base = field.type.replace('[]', '');
  if (mode === 'zero' || (mode === 'truncated' && field.extension)) {
    if (base === 'char') return '';
    return field.length ? new Array(field.length).fill(base.endsWith('64_t') ? 0n : 0) : (base.endsWith('64_t') ? 0n : 0);
  }
  if (base === 'char') {
    const len = int(1, field.length);
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(int(32, 126));
    return s;
  }
  if (field.length) {
    return Array.from({ length: field.length }, () => scalar(base));
  }
  return scalar(base);
}

function message(clazz, mode) {
  const msg = new clazz();
  const fields = {};
  for (const f of clazz.FIELDS) {
    let v = value(f, mode);
    if (mode === 'truncated' && f === clazz.FIELDS[clazz.FIELDS.length - 1] && !f.extension) {
      v = value(f, 'zero'); // last wire field zero too, so the v2 payload is truncated
    }
    if (f.type === 'uint8_t_mavlink_version') v = 3;
    msg[f.name] = v;
    fields[f.name] = typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(x => typeof x === 'bigint' ? x.toString() : x) : v;
  }
  return { msg, fields };
}

function sign(buffer, linkId, timestamp, key) {
  const result = Buffer.concat([buffer, Buffer.alloc(MavLinkPacketSignature.SIGNATURE_LENGTH)]);
  const signer = new MavLinkPacketSignature(result);
  signer.linkId = linkId;
  signer.timestamp = timestamp;
  signer.signature = signer.calculate(key);
  return result;
}

const out = [];
const key = MavLinkPacketSignature.key(PASSPHRASE);
let seq = 0;
for (const id of IDS) {
  const clazz = REGISTRY[id];
  const hasExtensions = clazz.FIELDS.some(f => f.extension);
  for (const mode of ['random', 'truncated', 'zero']) {
    const { msg, fields } = message(clazz, mode);
    const sysid = int(1, 255); const compid = int(0, 255);
    seq = (seq + 1) & 255;
    if (id < 256 && !hasExtensions) {
      const v1 = new MavLinkProtocolV1(sysid, compid).serialize(msg, seq);
      out.push({ id, name: clazz.MSG_NAME, mode, version: 1, seq, sysid, compid, fields, hex: v1.toString('hex') });
    }
    const v2 = new MavLinkProtocolV2(sysid, compid).serialize(msg, seq);
    out.push({ id, name: clazz.MSG_NAME, mode, version: 2, seq, sysid, compid, fields, hex: v2.toString('hex') });
    if (mode !== 'zero') {
      const signedProto = new MavLinkProtocolV2(sysid, compid, MavLinkProtocolV2.IFLAG_SIGNED);
      for (const ts of [2 ** 48 - 1, 1, int(1, 2 ** 40)]) {
        const linkId = int(0, 255);
        const signed = sign(signedProto.serialize(msg, seq), linkId, ts, key);
        out.push({ id, name: clazz.MSG_NAME, mode, version: 2, seq, sysid, compid, fields, hex: signed.toString('hex'),
          signed: { linkId, timestamp: ts, passphrase: PASSPHRASE } });
      }
    }
  }
}
process.stdout.write(out.map(o => JSON.stringify(o)).join('\n') + '\n');
