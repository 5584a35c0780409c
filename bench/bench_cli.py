"""The CLI at corpus scale: throughput with 1 and 2 workers, and peak memory on a 1 GB input.

    python bench/bench_cli.py [--corpus-mb 500] [--big-mb 1024] [--commands normalise fold link] [--workers 1 2]

The corpus is the VLSP 2013 test text (``bench/vlsp.py``) repeated into files of 10 MB
in a temporary folder (deleted afterwards, never committed). For each command and
worker count it runs ``sinoviet COMMAND -j N -o OUT CORPUS`` (``link``, which writes mention
rows to standard output, as ``sinoviet link -j N --format jsonl CORPUS > /dev/null``) and reports MB/s of input,
the speed-up over one worker (target: 2 workers ≥ 1.8×), and the CPU the rest of the
machine used meanwhile (the machine is shared: a busy neighbour caps the speed-up). Our
own CPU seconds (sampled from /proc for every process of the run, and split into the
main process, which processes pieces too, the pool's workers and the helpers) show the
parallel overhead apart from the load: on an idle machine the speed-up is about
(cores we got with -j 2) / (CPU ratio -j 2 : -j 1). "The hypervisor took" is the steal time
of /proc/stat: this VM's cores given to other machines, a load no process here shows. The
ceiling line runs two ``-j 1`` processes at once over half the files each (no pool, no pipes,
nothing shared): what two cores of this machine give at best, to read ``-j 2`` against.
Then ``sinoviet normalise -j 2`` reads one 1 GB file to stdout (/dev/null), and
``normalise``/``fold`` read one 100 MB single line, while every process of the run is
watched in /proc: peak RSS per process (target < 300 MB).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from vlsp import vlsp_lines

SINOVIET = [sys.executable, "-m", "toolkit"]
FILE_MB = 10
TICKS = os.sysconf("SC_CLK_TCK")
STDOUT_ONLY = {"link": ["--format", "jsonl"]}  # commands that write to standard output only


def make_corpus(folder: Path, megabytes: int) -> int:
    block = ("\n".join(vlsp_lines()) + "\n").encode("utf-8")
    per_file = block * max(1, FILE_MB * 1024 * 1024 // len(block))
    total, number = 0, 0
    folder.mkdir(parents=True, exist_ok=True)
    while total < megabytes * 1024 * 1024:
        (folder / f"part{number:04d}.txt").write_bytes(per_file)
        total += len(per_file)
        number += 1
    return total


def make_big_file(path: Path, megabytes: int, separator: bytes = b"\n") -> int:
    """The VLSP text repeated into one file; with separator b" " it is one single line."""
    block = (separator.decode().join(vlsp_lines()) + separator.decode()).encode("utf-8")
    total = 0
    with path.open("wb") as out:
        while total < megabytes * 1024 * 1024:
            out.write(block)
            total += len(block)
    return total


def cpu_busy_seconds() -> float:
    """CPU time the whole machine spent busy so far (all cores, /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICKS


class TreeWatcher(threading.Thread):
    """Samples every descendant of a process: peak RSS (VmHWM) and CPU time, per pid."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_kb: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self.parents: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for pid in self._tree():
                self._sample(pid)
            time.sleep(self.interval)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
                if parent == self.root or parent in self.parents:
                    self.parents[int(entry)] = parent
        tree, stack = [], [self.root]
        while stack:
            pid = stack.pop()
            tree.append(pid)
            stack += children.get(pid, [])
        return tree

    def _sample(self, pid: int) -> None:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), int(line.split()[1]))
        self.cpu[pid] = (int(stat[11]) + int(stat[12])) / TICKS
        self.names.setdefault(pid, cmdline[:80])


def timed_run(command: list[str], stdout=subprocess.DEVNULL) -> dict:
    busy_before, steal_before, started = cpu_busy_seconds(), steal_seconds(), time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    watcher = TreeWatcher(process.pid)
    watcher.start()
    _, stderr = process.communicate()
    watcher.done.set()
    watcher.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    ours = sum(watcher.cpu.values())
    other = max(0.0, cpu_busy_seconds() - busy_before - ours)
    return {
        "elapsed": elapsed, "cpu_ours": ours, "other_cores": other / elapsed, "peaks": watcher.peak_kb,
        "names": watcher.names, "cpu_by_role": cpu_by_role(watcher, process.pid),
        "steal_cores": (steal_seconds() - steal_before) / elapsed,
    }


def cpu_by_role(watcher: TreeWatcher, root: int) -> dict[str, float]:
    """Our CPU seconds split into this process (the CLI), the pool's workers and the helpers
    (the forkserver and the resource tracker, children of the CLI that process no piece)."""
    roles: dict[str, float] = {"main": 0.0, "pool": 0.0, "helpers": 0.0}
    for pid, seconds in watcher.cpu.items():
        parent = watcher.parents.get(pid)
        role = "main" if pid == root else "helpers" if parent == root else "pool"
        roles[role] += seconds
    return roles


def steal_seconds() -> float:
    """CPU time the hypervisor gave this VM's cores to other machines so far (/proc/stat)."""
    return int(Path("/proc/stat").read_text().splitlines()[0].split()[8]) / TICKS


def side_by_side(command: str, corpus: Path, out: Path) -> float:
    """Seconds for two ``-j 1`` runs at once, each over half the files: what two cores of this
    machine give with no pool, pipes or shared work at all (the ceiling for ``-j 2``)."""
    files = sorted(corpus.iterdir())
    halves = (files[0::2], files[1::2])
    started = time.perf_counter()
    processes = []
    for number, half in enumerate(halves):
        arguments = [*SINOVIET, command, "-q", "-j", "1"]
        if command in STDOUT_ONLY:
            command_line, stdout = [*arguments, *STDOUT_ONLY[command], *map(str, half)], subprocess.DEVNULL
        else:
            command_line, stdout = [*arguments, "-o", str(out / str(number)), *map(str, half)], subprocess.DEVNULL
        processes.append(subprocess.Popen(command_line, stdout=stdout, stderr=subprocess.DEVNULL))
    for process in processes:
        if process.wait() != 0:
            raise SystemExit(f"sinoviet {command} side by side failed ({process.returncode})")
    return time.perf_counter() - started


def run_command(command: str, workers: int, corpus: Path, out: Path) -> dict:
    """One timed run over the corpus; ``link`` has no ``-o``: its mention rows go to /dev/null."""
    arguments = [*SINOVIET, command, "-q", "-j", str(workers)]
    if command in STDOUT_ONLY:
        with open(os.devnull, "wb") as sink:
            return timed_run([*arguments, *STDOUT_ONLY[command], str(corpus)], stdout=sink)
    return timed_run([*arguments, "-o", str(out), str(corpus)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus-mb", type=int, default=500)
    parser.add_argument("--big-mb", type=int, default=1024)
    parser.add_argument("--commands", nargs="+", default=["normalise", "fold", "link"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--line-mb", type=int, default=100, help="size of the single-line file")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()

    print(f"cores available: {len(os.sched_getaffinity(0))}; load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="sinoviet-bench-") as temporary:
        root = Path(temporary)
        total = make_corpus(root / "corpus", args.corpus_mb)
        files = len(list((root / "corpus").iterdir()))
        print(f"corpus: {files} files, {total / 1e6:.0f} MB (VLSP 2013 test text repeated)")
        for command in args.commands:
            base = base_cpu = None
            for workers in args.workers:
                out = root / f"out-{command}-{workers}"
                result = run_command(command, workers, root / "corpus", out)
                shutil.rmtree(out, ignore_errors=True)
                speed = total / 1e6 / result["elapsed"]
                base = base or speed
                base_cpu = base_cpu or result["cpu_ours"]
                print(
                    f"sinoviet {command:9s} -j {workers}: {result['elapsed']:6.1f} s  {speed:6.1f} MB/s  "
                    f"x{speed / base:4.2f} of -j {args.workers[0]}  | our CPU {result['cpu_ours']:5.1f} s "
                    f"(x{result['cpu_ours'] / base_cpu:4.2f} of -j {args.workers[0]}), cores we got "
                    f"{result['cpu_ours'] / result['elapsed']:.2f}, other processes used "
                    f"{result['other_cores']:.2f} cores meanwhile"
                )
                roles = result["cpu_by_role"]
                print(
                    f"    our CPU by process: main {roles['main']:.1f} s, pool {roles['pool']:.1f} s, "
                    f"forkserver and resource tracker {roles['helpers']:.1f} s; the hypervisor took "
                    f"{result['steal_cores']:.2f} cores meanwhile"
                )
            if 2 in args.workers:
                steal_before = steal_seconds()
                seconds = side_by_side(command, root / "corpus", root / f"out-{command}-halves")
                shutil.rmtree(root / f"out-{command}-halves", ignore_errors=True)
                print(
                    f"    ceiling: two -j 1 runs side by side, half the files each: {total / 1e6 / seconds:6.1f} MB/s, "
                    f"x{total / 1e6 / seconds / base:4.2f} of -j 1 (the hypervisor took "
                    f"{(steal_seconds() - steal_before) / seconds:.2f} cores meanwhile)"
                )
        if args.skip_memory:
            return
        big = root / "big.txt"
        size = make_big_file(big, args.big_mb)
        shutil.rmtree(root / "corpus", ignore_errors=True)
        report_memory(["normalise", "-q", "-j", "2", str(big)], f"one {size / 1e6:.0f} MB file", size)
        big.unlink()
        line = root / "line.txt"
        size = make_big_file(line, args.line_mb, separator=b" ")
        for command in ("normalise", "fold"):
            report_memory([command, "-q", "-j", "2", str(line)], f"one {size / 1e6:.0f} MB single line", size)


def report_memory(arguments: list[str], what: str, size: int) -> None:
    with open(os.devnull, "wb") as sink:
        result = timed_run([*SINOVIET, *arguments], stdout=sink)
    print(f"peak RSS, sinoviet {arguments[0]} -j 2 on {what} ({result['elapsed']:.1f} s, {size / 1e6 / result['elapsed']:.1f} MB/s):")
    for pid, peak in sorted(result["peaks"].items()):
        print(f"  pid {pid:7d} {peak / 1024:7.1f} MB  {result['names'].get(pid, '')}")
    print(f"  largest process: {max(result['peaks'].values()) / 1024:.1f} MB (target < 300 MB)")

if __name__ == "__main__":
    main()
