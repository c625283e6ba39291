"""Peer for bench/collect.ts: netmiko fetching `show version` from the same simulated devices, with a thread pool
of the same size as imagegate's concurrency. Reads a JSON job on stdin, prints one JSON line with the result.

netmiko runs with its default timing: every login waits its fixed 2 s "safeguard" read. Its fast mode
(`"fast_cli": true` in the job, delays x0.1) was tried: at 50 threads it lost 15% of the devices to prompt
timeouts and was no faster, so the default is the fair peer."""
import json
import sys
import time
from multiprocessing.pool import ThreadPool

try:
    import netmiko
    from netmiko import ConnectHandler
except ImportError:
    print(json.dumps({"error": "netmiko is not installed: apt-get install -y python3-netmiko (run with /usr/bin/python3)"}))
    sys.exit(3)


def fetch(device):
    conn = ConnectHandler(
        device_type=device["device_type"],
        host=device["host"],
        port=device["port"],
        username=device["username"],
        password=device["password"],
        allow_agent=False,
        use_keys=False,
        fast_cli=FAST_CLI,
    )
    try:
        out = conn.send_command("show version")
        return len(out) > 0
    finally:
        conn.disconnect()


def safe_fetch(device):
    try:
        return fetch(device)
    except Exception as exc:  # one failed device must not stop the run, as in imagegate
        sys.stderr.write("netmiko %s: %s\n" % (device["host"], exc))
        return False


FAST_CLI = False


def main():
    global FAST_CLI
    job = json.load(sys.stdin)
    FAST_CLI = job.get("fast_cli", False)
    devices = job["devices"]
    started = time.monotonic()
    with ThreadPool(job["concurrency"]) as pool:
        results = pool.map(safe_fetch, devices)
    seconds = time.monotonic() - started
    print(json.dumps({"netmiko": netmiko.__version__, "fast_cli": FAST_CLI, "devices": len(devices), "ok": sum(1 for r in results if r), "seconds": seconds}))


main()
