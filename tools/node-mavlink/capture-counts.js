#!/usr/bin/env node
// Decodes the four real captures with node-mavlink (an independent implementation) and prints
// per-message-id packet counts as JSON, committed as protocols/src/test/resources/mavlink/capture-counts.json.
// Usage: node capture-counts.js [CAPTURES_DIR] > ../../protocols/src/test/resources/mavlink/capture-counts.json
'use strict';
const fs = require('fs');
const path = require('path');
const { Readable } = require('stream');
const { MavLinkPacketSplitter, MavLinkTLogPacketSplitter, MavLinkPacketParser, MSG_ID_MAGIC_NUMBER } = require('node-mavlink');

const dir = process.argv[2] || path.join(__dirname, '..', '..', '..', 'shared', 'data', 'mavlink', 'captures');
const files = ['vtol.tlog', 'mavlink-v2-3412-packets.bin', 'data.mavlink', 'GH-5.bin'];

function count(file) {
  return new Promise((resolve, reject) => {
    const data = fs.readFileSync(path.join(dir, file));
    let crcErrors = 0;
    const opts = { onCrcError: () => { crcErrors++; } };
    const splitter = file.endsWith('.tlog') ? new MavLinkTLogPacketSplitter({}, opts) : new MavLinkPacketSplitter({}, opts);
    const counts = {};
    const versions = {};
    let total = 0;
    const parser = new MavLinkPacketParser();
    parser.on('data', (packet) => {
      const id = packet.header.msgid;
      counts[id] = (counts[id] || 0) + 1;
      const v = packet.header.magic === 0xFD ? 'v2' : 'v1';
      versions[v] = (versions[v] || 0) + 1;
      total++;
    });
    parser.on('end', () => resolve({ file, total, crcErrors, versions, counts }));
    splitter.on('error', reject);
    Readable.from([data]).pipe(splitter).pipe(parser);
  });
}

(async () => {
  const result = { generator: 'tools/node-mavlink/capture-counts.js', nodeMavlink: require('node-mavlink/package.json').version,
    mappings: require('mavlink-mappings/package.json').version,
    knownIds: Object.keys(MSG_ID_MAGIC_NUMBER).map(Number).sort((a, b) => a - b), captures: [] };
  for (const f of files) {
    result.captures.push(await count(f));
  }
  process.stdout.write(JSON.stringify(result) + '\n');
})();
