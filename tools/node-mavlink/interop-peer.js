#!/usr/bin/env node
// Live interop peer for MavlinkNodeInteropTest: sends node-mavlink frames (v1, v2, signed, one
// forged) over UDP to the Java server, then parses every reply with node-mavlink and prints one
// JSON summary line. Usage: node interop-peer.js PORT PASSPHRASE EXPECTED_REPLIES
'use strict';
const dgram = require('dgram');
const { minimal, common, MavLinkProtocolV1, MavLinkProtocolV2, MavLinkPacketSignature,
  MavLinkPacketSplitter, MavLinkPacketParser } = require('node-mavlink');

const [port, passphrase, expected] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];
const key = MavLinkPacketSignature.key(passphrase);
const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY };
const socket = dgram.createSocket('udp4');
const replies = [];

function heartbeat() {
  const m = new minimal.Heartbeat();
  m.type = 2; m.autopilot = 3; m.baseMode = 81; m.customMode = 4; m.systemStatus = 4; m.mavlinkVersion = 3;
  return m;
}
function position(i) {
  const m = new common.GlobalPositionInt();
  m.timeBootMs = 1000 + i; m.lat = 384600000 + i; m.lon = 1062300000; m.alt = 1100000; m.relativeAlt = 50000;
  m.vx = 100; m.vy = -50; m.vz = 0; m.hdg = 9000;
  return m;
}
function signedFrame(msg, seq, tsUnits) {
  const buffer = new MavLinkProtocolV2(21, 1, MavLinkProtocolV2.IFLAG_SIGNED).serialize(msg, seq);
  const result = Buffer.concat([buffer, Buffer.alloc(MavLinkPacketSignature.SIGNATURE_LENGTH)]);
  const signer = new MavLinkPacketSignature(result);
  signer.linkId = 5;
  signer.timestamp = tsUnits;
  signer.signature = signer.calculate(key);
  return result;
}

const splitter = new MavLinkPacketSplitter();
const parser = new MavLinkPacketParser();
splitter.pipe(parser);
parser.on('data', (packet) => {
  const clazz = REGISTRY[packet.header.msgid];
  const data = clazz ? packet.protocol.data(packet.payload, clazz) : null;
  replies.push({
    msgid: packet.header.msgid, sysid: packet.header.sysid, seq: packet.header.seq,
    version: packet.header.magic === 0xFD ? 2 : 1,
    signed: !!packet.signature, signatureOk: packet.signature ? packet.signature.matches(key) : null,
    command: data && data.command !== undefined ? data.command : null,
    progress: data && data.progress !== undefined ? data.progress : null,
  });
  if (replies.length >= expected) finish();
});
socket.on('message', (msg) => splitter.write(msg));

let done = false;
function finish() {
  if (done) return;
  done = true;
  process.stdout.write(JSON.stringify({ replies }) + '\n');
  socket.close();
  process.exit(0);
}
setTimeout(finish, 15000);

socket.bind(0, '127.0.0.1', () => {
  const nowUnits = (Date.now() - Date.UTC(2015, 0, 1)) * 100;
  const frames = [
    new MavLinkProtocolV1(21, 1).serialize(heartbeat(), 0),
    new MavLinkProtocolV2(21, 1).serialize(heartbeat(), 1),
    signedFrame(position(2), 2, nowUnits),
    signedFrame(position(3), 3, nowUnits + 1),
  ];
  const forged = signedFrame(position(4), 4, nowUnits + 2);
  forged[forged.length - 1] ^= 0xff; // last signature byte: must be rejected by the Java side
  frames.push(forged);
  frames.push(signedFrame(position(5), 5, nowUnits + 3));
  let i = 0;
  const next = () => {
    if (i >= frames.length) return;
    socket.send(frames[i++], port, '127.0.0.1', next);
  };
  next();
});
