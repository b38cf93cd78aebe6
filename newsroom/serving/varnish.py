"""Varnish in front of gunicorn on loopback, as `make serve-edge`, `make bench` and the
production tier run it: serving/edge.vcl with the origin's port, varnishd in the foreground.

`python -m newsroom.serving.varnish PORT ORIGIN_PORT FOLDER` becomes varnishd (`make serve-edge`).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

VCL = Path(__file__).with_name("edge.vcl")
# The edge's memory for pages; its own threads take the slow clients.
STORAGE = "malloc,256m"


def vcl(origin_port: int) -> str:
    text, count = re.subn(r'(\.port = )"\d+"', rf'\1"{origin_port}"', VCL.read_text(), count=1)
    assert count == 1, "edge.vcl names no backend port"
    return text


def missing() -> str | None:
    """What this machine lacks to run the edge, said for a person; None when nothing."""
    if shutil.which("varnishd") is None and not Path("/usr/sbin/varnishd").exists():
        return "varnishd not found (apt-get install varnish varnish-modules)"
    if not any(Path("/usr/lib").glob("**/vmods/libvmod_xkey.so")):
        return "Varnish's xkey module not found (apt-get install varnish-modules)"
    return None


def varnishd() -> str:
    return shutil.which("varnishd") or "/usr/sbin/varnishd"


def command(port: int, origin_port: int, folder: Path) -> list[str]:
    """varnishd in the foreground on 127.0.0.1:`port`, its files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    vcl_path = folder / "edge.vcl"
    vcl_path.write_text(vcl(origin_port))
    return [
        varnishd(),
        "-F",
        *("-a", f"127.0.0.1:{port}"),
        *("-f", str(vcl_path)),
        *("-n", str(folder / "work")),
        *("-s", STORAGE),
        # No admin port: stopped by its signal, purged over HTTP.
        *("-T", "none"),
        # As whoever starts it, who can read `folder` (as root, Varnish would otherwise
        # drop to its own user; a real edge runs from its system service instead).
        *("-j", "none"),
    ]


def start(port: int, origin_port: int, folder: Path, **popen) -> subprocess.Popen:
    return subprocess.Popen(command(port, origin_port, folder), **popen)


if __name__ == "__main__":
    argv = command(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
    os.execv(argv[0], argv)
