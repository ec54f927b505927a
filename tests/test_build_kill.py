"""Builds that can be killed at any instant, and a disk that fills up: real builds in real
processes, stopped with a real SIGKILL. No worker outlives its build, a lock left behind by a dead
build is taken over, readers never see half a commit, and a full disk costs one line and no
outputs."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partnergraph.pipeline.build import BuildOptions, build
from partnergraph.pipeline.staging import PAUSE_IN_COMMIT_ENV, open_existing
from partnergraph.publish.dumps import CACHE_DIRNAME, DumpCache
from partnergraph.errors import StoreError

TOWNS = ["Kleinau", "Ostermoor", "Birkenfelde", "Talheim", "Wiesbrunn", "Lindach", "Rotstein", "Hagenbruck"]
PARTNERS = ["Cape Coast", "Jinja", "Arusha", "Kumasi", "Moshi", "Tamale", "Mbale", "Ho"]


def article(i: int) -> dict:
    """A short article in our own words; numbered so that every one is distinct."""
    town, partner = TOWNS[i % len(TOWNS)], PARTNERS[(i // len(TOWNS)) % len(PARTNERS)]
    text = (f"Der Gemeinderat von {town} hat in seiner Sitzung Nummer {i} beschlossen, die Zusammenarbeit "
            f"mit {partner} fortzusetzen. Im Mittelpunkt stehen Trinkwasser, Schulen und ein Austausch von "
            f"Auszubildenden. Eine Delegation aus {partner} wird im Herbst erwartet, um die nächsten "
            f"Schritte der Klimapartnerschaft zu planen. Die Bürgermeisterin dankte den Vereinen für ihr "
            f"Engagement und kündigte einen Bericht für das kommende Jahr an.")
    return {"url": f"https://kommune.example/nachrichten/{i}", "title": f"{town} und {partner}: Sitzung {i}",
            "date": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text}


def write_articles(path: Path, n: int, start: int = 0) -> Path:
    path.write_text("".join(json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(start, start + n)),
                    encoding="utf-8")
    return path


def cli(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "partnergraph", *args], env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid`."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if int(text[text.rindex(")") + 2:].split()[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def lock_is_free(out: Path) -> bool:
    with open(out / ".lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(fh, fcntl.LOCK_UN)
        return True


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"not within {seconds} s: {what}")


def count_articles(out: Path) -> int:
    store = open_existing(out)
    try:
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/partnergraph/ontology#Article> }"
        return int(next(iter(store.query(q)))["n"].value)
    finally:
        store.close()


def ttl_articles(out: Path) -> int:
    import re

    return len(re.findall(r"^<[^>]*/article/[0-9a-f]{16}> a .*pg:Article", (out / "graph.ttl").read_text(encoding="utf-8"),
                          re.MULTILINE))


# -- kill -9 --------------------------------------------------------------------------------------

def test_a_build_killed_during_extraction_leaves_no_worker_running_and_the_lock_free(tmp_path):
    src = write_articles(tmp_path / "viele.jsonl", 1200)
    out = tmp_path / "g"
    proc = cli("build", str(src), "-d", str(out), "-j", "2", "--no-validate")
    try:
        workers = wait_for(lambda: len(children(proc.pid)) >= 2 and children(proc.pid), 120,
                           "the build forks its extraction workers")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        wait_for(lambda: not any(alive(w) for w in workers), 10, f"workers {sorted(workers)} end with their build")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert lock_is_free(out)
    small = write_articles(tmp_path / "wenige.jsonl", 3)
    report = build([str(small)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
    assert report.articles_extracted == 3 and not (out / ".staging").exists()


def killed_in_its_commit(tmp_path: Path) -> Path:
    """A graph directory of 2 articles whose rebuild with 3 was killed (SIGKILL) between the
    renames of its commit, where PAUSE_IN_COMMIT_ENV holds it."""
    out = tmp_path / "g"
    src = write_articles(tmp_path / "a.jsonl", 2)
    build([str(src)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
    write_articles(src, 3)
    marker = tmp_path / "in-commit"
    proc = cli("build", str(src), "-d", str(out), "-j", "1", "--no-validate", env={PAUSE_IN_COMMIT_ENV: str(marker)})
    try:
        wait_for(marker.exists, 120, "the build reaches its commit")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return out


def test_a_build_killed_between_the_renames_of_its_commit_is_finished_by_the_first_reader(tmp_path):
    out = killed_in_its_commit(tmp_path)
    # the state the kill left: graph.ttl is the new one, the store still the old one
    assert (out / ".commit").exists() and ttl_articles(out) == 3
    query = cli("query", "-d", str(out), "-f", "csv",
                "SELECT (COUNT(*) AS ?n) WHERE { ?a a pg:Article }")
    stdout, stderr = query.communicate(timeout=120)
    assert query.returncode == 0, stderr
    assert stdout.split() == ["n", "3"]
    assert not (out / ".commit").exists() and not (out / ".staging").exists() and not (out / ".trash").exists()


def test_a_reader_that_may_not_write_reads_the_committed_state_of_a_half_moved_commit(tmp_path, monkeypatch):
    out = killed_in_its_commit(tmp_path)
    staging_module = sys.modules["partnergraph.pipeline.staging"]
    import partnergraph.pipeline.lock as dirlock

    def read_only(path, *_args):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(staging_module, "recover", read_only)  # the lock file is writable, the rest not
    assert count_articles(out) == 3 == ttl_articles(out)
    monkeypatch.setattr(dirlock, "_try_lock", read_only)  # not even the lock file
    started = time.monotonic()
    assert count_articles(out) == 3
    assert time.monotonic() - started < 5  # no waiting for a build that is not running
    assert (out / ".commit").exists()  # nothing was changed


def test_a_reader_leaves_a_running_build_alone(tmp_path):
    out = tmp_path / "g"
    src = write_articles(tmp_path / "a.jsonl", 2)
    build([str(src)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
    (out / ".staging").mkdir()
    (out / ".staging" / "graph.ttl").write_text("halb geschrieben")
    with open(out / ".lock", "a+b") as fh:  # a build holds the lock: its staging area is its own
        fcntl.flock(fh, fcntl.LOCK_EX)
        assert count_articles(out) == 2
        assert (out / ".staging" / "graph.ttl").read_text() == "halb geschrieben"


def test_builds_killed_at_random_instants_always_leave_a_consistent_directory(tmp_path):
    import random

    out = tmp_path / "g"
    src = write_articles(tmp_path / "a.jsonl", 230)
    build([str(src)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
    chance = random.Random(15)
    for round_ in range(4):
        write_articles(src, 220, start=1000 * (round_ + 1))  # new articles: the workers have work
        proc = cli("build", str(src), "-d", str(out), "-j", "2", "--no-validate")
        time.sleep(chance.uniform(1.0, 8.0))
        kids = children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        wait_for(lambda: not any(alive(k) for k in kids), 10, "the killed build's children end")
        assert lock_is_free(out)
        # whatever the instant, a reader sees one state: the store, graph.ttl and state.json agree
        n = count_articles(out)
        assert n == ttl_articles(out) == len(json.loads((out / "state.json").read_text())["articles"])
        assert not any((out / name).exists() for name in (".staging", ".commit", ".trash"))


_ORPHAN = """
import fcntl, os, sys, time
from partnergraph.pipeline.lock import holder_record
fh = open(sys.argv[1], "a+b")
fcntl.flock(fh, fcntl.LOCK_EX)
if sys.argv[2] == "record":
    fh.write(holder_record().encode()); fh.flush()
child = os.fork()
if child == 0:
    time.sleep(120)  # a worker of the old kind: it inherited the lock and outlives its build
    os._exit(0)
print(child, flush=True)
time.sleep(120)
"""


#: "record": the lock file names its holder; "": it does not (a lock of an older version)
@pytest.mark.parametrize("record", ["record", ""])
def test_a_lock_still_held_by_the_leftovers_of_a_dead_build_is_taken_over_with_a_message(tmp_path, caplog, record):
    out = tmp_path / "g"
    out.mkdir()
    src = write_articles(tmp_path / "a.jsonl", 2)
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN, str(out / ".lock"), record], stdout=subprocess.PIPE,
                            text=True)
    orphan = int(proc.stdout.readline())
    try:
        with pytest.raises(StoreError, match="another build is writing this directory"):
            build([str(src)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
        proc.kill()  # the build dies; its forked child keeps the lock
        proc.wait()
        assert alive(orphan) and not lock_is_free(out)
        with caplog.at_level("WARNING", logger="partnergraph"):
            report = build([str(src)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
        assert report.articles_extracted == 2
        lines = [r.getMessage() for r in caplog.records if "lock" in r.getMessage()]
        assert len(lines) == 1 and f"pid {proc.pid}" in lines[0] and "taking the lock over" in lines[0]
        with pytest.raises(StoreError, match="another build"):  # the taken-over lock is a lock
            from partnergraph.pipeline.lock import locked

            with locked(out / ".lock", busy="x"), locked(out / ".lock", busy="another build"):
                pass
    finally:
        os.kill(orphan, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- a full disk ------------------------------------------------------------------------------------

def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def pieces(out: Path) -> set[str]:
    return {p.name for p in (out / CACHE_DIRNAME).iterdir()}


def test_a_disk_full_while_writing_pieces_is_one_error_naming_the_file_and_removes_the_new_pieces(
        tmp_path, monkeypatch):
    out = tmp_path / "g"
    src = write_articles(tmp_path / "a.jsonl", 2)
    build([str(src)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
    before, kept = outputs(out), pieces(out)
    write_articles(src, 6)
    real_put, calls = DumpCache.put, []

    def put(self, name, data):
        calls.append(name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.path(name)))
        real_put(self, name, data)

    monkeypatch.setattr(DumpCache, "put", put)
    with pytest.raises(StoreError) as caught:
        build([str(src)], BuildOptions(out_dir=out, validate=False, viz=False, jobs=1))
    message = str(caught.value)
    assert "\n" not in message and "no space left on device" in message and calls[2] in message
    assert outputs(out) == before and pieces(out) == kept
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".lock"]


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real 64 MB file system (tmpfs): needs root and mount(2), as CI on a fresh machine has."""
    where = tmp_path / "disk"
    if not _mount_tmpfs(where, "64m"):
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


#: room left on the disk: the first fills up while the workers write the dump pieces (the error
#: names the piece), the second while the store loads (RocksDB's error names no file: the directory)
@pytest.mark.parametrize("room, jobs", [(600_000, "2"), (3_000_000, "1")])
def test_a_build_on_a_full_disk_ends_in_one_line_and_leaves_the_previous_outputs(tmp_path, small_disk, room, jobs):
    out = small_disk / "g"
    src = write_articles(tmp_path / "a.jsonl", 4)
    first = cli("build", str(src), "-d", str(out), "-j", "1", "--no-validate", "-q")
    assert first.wait(300) == 0, first.stderr.read()
    before, kept = outputs(out), pieces(out)
    # leave less room than the next build's staged files need
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    (small_disk / "filler").write_bytes(b"\0" * max(0, free - room))
    write_articles(src, 250)  # more than build.PARALLEL_MIN_ARTICLES: -j 2 forks workers
    second = cli("build", str(src), "-d", str(out), "-j", jobs, "--no-validate", "-q")
    stdout, stderr = second.communicate(timeout=300)
    assert second.returncode == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "no space left on device" in lines[0] and "Traceback" not in stderr, stderr
    assert lines[0].startswith(f"partnergraph: error: {out}")
    assert outputs(out) == before and pieces(out) == kept
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".lock"]
    (small_disk / "filler").unlink()  # with room again, the next build goes through
    write_articles(src, 5)
    third = cli("build", str(src), "-d", str(out), "-j", "1", "--no-validate", "-q")
    assert third.wait(300) == 0, third.stderr.read()
    assert ttl_articles(out) == 5
