#!/usr/bin/python3
"""A real RTSP server for SkyPatrol's pull tests: GStreamer's gst-rtsp-server (Debian packages
python3-gi, gir1.2-gst-rtsp-server-1.0) serving an MP4 file's H.264 track without re-encoding.

Usage: /usr/bin/python3 serve_file.py PORT FILE.mp4 [MOUNT]   (default mount /cam)
Prints "ready" on stdout when it listens. The file loops (seek to 0 at end of stream), so the
stream only stops when the process is killed, as a camera would.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    port, path = sys.argv[1], sys.argv[2]
    mount = sys.argv[3] if len(sys.argv) > 3 else "/cam"
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( multifilesrc location=%s loop=true ! qtdemux ! h264parse ! "
        "rtph264pay name=pay0 pt=96 config-interval=-1 )" % path)
    factory.set_shared(True)
    server.get_mount_points().add_factory(mount, factory)
    if server.attach(None) == 0:
        print("failed to listen on port %s" % port, file=sys.stderr, flush=True)
        sys.exit(1)
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
