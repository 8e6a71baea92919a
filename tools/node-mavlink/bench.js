#!/usr/bin/env node
// node-mavlink throughput on the same bytes as the JMH benchmark: parse (splitter with CRC) +
// typed decode (protocol.data) of the whole capture, repeated for SECONDS; prints frames/s.
// Usage: node bench.js FILE [SECONDS] [tlog]   (tlog: the file is a .tlog; its frames are used)
// Reports frames per wall second and per CPU second of the process (load-independent).
'use strict';
const fs = require('fs');
const { Readable } = require('stream');
const { minimal, common, ardupilotmega, MavLinkPacketSplitter, MavLinkPacketParser } = require('node-mavlink');

const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY, ...ardupilotmega.REGISTRY };
const [file, seconds = '5', kind] = process.argv.slice(2);
let bytes = fs.readFileSync(file);
if (kind === 'tlog') {
  const frames = [];
  for (let at = 0; at + 10 < bytes.length;) {
    const magic = bytes[at + 8], len = bytes[at + 9];
    const size = magic === 0xFE ? 8 + len : 12 + len + ((bytes[at + 10] & 1) ? 13 : 0);
    frames.push(bytes.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  bytes = Buffer.concat(frames);
}

function once() {
  return new Promise((resolve) => {
    const splitter = new MavLinkPacketSplitter();
    const parser = new MavLinkPacketParser();
    let n = 0;
    parser.on('data', (packet) => {
      const clazz = REGISTRY[packet.header.msgid];
      if (clazz) packet.protocol.data(packet.payload, clazz);
      n++;
    });
    parser.on('end', () => resolve(n));
    Readable.from([bytes]).pipe(splitter).pipe(parser);
  });
}

(async () => {
  await once(); await once(); // warm-up
  const deadline = Date.now() + Number(seconds) * 1000;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let frames = 0;
  while (Date.now() < deadline) frames += await once();
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6; // the whole process: node is single-threaded here
  process.stdout.write(JSON.stringify({ file, frames, seconds: secs, framesPerSecond: Math.round(frames / secs),
    cpuSeconds: cpuSecs, framesPerCpuSecond: Math.round(frames / cpuSecs) }) + '\n');
})();
